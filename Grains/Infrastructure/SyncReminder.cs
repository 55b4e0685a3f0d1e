namespace Liandong.Grains.Infrastructure;

/// <summary>
/// The durable safety net of the roll-up: a reminder that exists only while a grain holds figures that a
/// crash could keep from its parent. A division holds it while it is open (figures in memory, not yet
/// written); a project only when a push or an announcement to its town failed. If the silo dies, the
/// reminder wakes the grain on another silo, which rebuilds (a division found open) or pushes again.
/// </summary>
internal sealed class SyncReminder(Grain grain)
{
    public const string Name = "rollup-sync";

    /// <summary>How long after a change the reminder first fires if nothing else confirmed it.</summary>
    public static TimeSpan DueTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orleans reminders tick at most once a minute by default; tests lower the minimum.</summary>
    public static TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    private bool _registered;

    public async Task EnsureAsync()
    {
        if (!_registered)
        {
            await grain.RegisterOrUpdateReminder(Name, DueTime, Period);
            _registered = true;
        }
    }

    public async Task ClearAsync()
    {
        var reminder = await grain.GetReminder(Name);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }

        _registered = false;
    }
}
