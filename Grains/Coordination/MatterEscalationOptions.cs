namespace Liandong.Grains.Coordination;

/// <summary>How overdue matters escalate (docs/coordination.md "Escalation").</summary>
public sealed class MatterEscalationOptions
{
    /// <summary>How often a matter that may still escalate wakes up to compare the clock with its deadlines.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Days the next level has before the matter climbs again: the first escalation comes the day after the due
    /// date, the second this many days later, and so on up to the city.
    /// </summary>
    public int DaysPerLevel { get; set; } = 7;
}
