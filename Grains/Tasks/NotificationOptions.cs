namespace Liandong.Grains.Tasks;

/// <summary>Reminders before deadlines and their delivery (<c>Notifications</c> in the silo's settings; docs/portal.md "Reminders").</summary>
public sealed class NotificationOptions
{
    /// <summary>A task due within this many days (or overdue) is reminded of: matters, directive shares.</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>How often a work list with reminder-worthy tasks looks at its deadlines (an Orleans reminder: durable).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first wait after a failed delivery; each further failure doubles it up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the outbox's durable reminder wakes it while messages wait.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The portal's address, for the links in the messages.</summary>
    public string PortalUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long one webhook call may take.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
