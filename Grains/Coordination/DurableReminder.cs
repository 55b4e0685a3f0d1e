namespace Liandong.Grains.Coordination;

/// <summary>
/// A named Orleans reminder that a grain keeps only while it needs it. It remembers, per activation, whether it
/// is registered, so that keeping it costs one reminder-table write per activation, not one per change.
/// </summary>
internal sealed class DurableReminder(Grain grain, string name, TimeSpan period)
{
    private bool? _registered;

    public string Name => name;

    public async Task EnsureAsync()
    {
        if (_registered != true)
        {
            await grain.RegisterOrUpdateReminder(name, period, period);
            _registered = true;
        }
    }

    public async Task ClearAsync()
    {
        if (_registered == false)
        {
            return;
        }

        var reminder = await grain.GetReminder(name);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }

        _registered = false;
    }
}
