namespace Liandong.Grains.Infrastructure;

/// <summary>
/// A named Orleans reminder that wakes a grain only while it has something left to do: a summary its holders have
/// not confirmed (the retry of <see cref="VersionedPublisher{TState}"/>), figures a division holds in memory, a
/// matter that may still escalate. It remembers, per activation, whether it is registered, so that keeping it costs
/// one reminder-table write per activation, not one per change. Register it <em>before</em> the write it covers:
/// a crash between the two then leaves a reminder with nothing to do, never a write with no reminder.
/// </summary>
/// <param name="grain">The grain the reminder wakes.</param>
/// <param name="name">The reminder's name.</param>
/// <param name="period">How often it ticks; null for the roll-up's <see cref="RetryPeriod"/>.</param>
/// <param name="formerName">A name the same reminder had in earlier versions: such reminders already stored are answered and cleared too.</param>
internal sealed class WakeUpReminder(Grain grain, string name, TimeSpan? period = null, string? formerName = null)
{
    /// <summary>The roll-up's retry reminder (kept under this name: stored reminders and the operators' queries use it).</summary>
    public const string RollupName = "rollup-sync";

    /// <summary>How long after a change a retry reminder first fires if nothing else confirmed it.</summary>
    public static TimeSpan RetryDueTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orleans reminders tick at most once a minute by default; tests lower the minimum.</summary>
    public static TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    private bool? _registered;

    public string Name => name;

    /// <summary>Whether a reminder that fired is this one (under its name or its former one).</summary>
    public bool Is(string reminderName) => reminderName == name || (formerName is not null && reminderName == formerName);

    public async Task EnsureAsync()
    {
        if (_registered != true)
        {
            await grain.RegisterOrUpdateReminder(name, period ?? RetryDueTime, period ?? RetryPeriod);
            _registered = true;
        }
    }

    public async Task ClearAsync()
    {
        if (_registered == false)
        {
            return;
        }

        await UnregisterAsync(name);
        if (formerName is not null)
        {
            await UnregisterAsync(formerName);
        }

        _registered = false;
    }

    private async Task UnregisterAsync(string reminderName)
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
