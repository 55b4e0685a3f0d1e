using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// The open-epoch lifecycle of a division. Before it takes the first figures it will hold only in memory, a
/// division registers its reminder and writes itself <see cref="DivisionState.Open"/> under a new
/// <see cref="DivisionState.Epoch"/> (its versions start at <c>Epoch &lt;&lt; 32</c>, so they outrank whatever an
/// earlier activation sent). Closing writes every figure held and marks it closed; the reminder then goes, unless
/// the parent still lacks the latest figures. Opening and closing take turns.
/// </summary>
/// <param name="ledger">The division's figures; its state carries the open flag and the epoch.</param>
/// <param name="reminder">The reminder that recovers the division (rebuilding it) if its silo dies while open.</param>
/// <param name="write">Writes the ledger's state.</param>
internal sealed class OpenEpoch(RollupLedger ledger, WakeUpReminder reminder, Func<Task> write)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Whether this activation holds figures it has not written (and the stored state says so).</summary>
    public bool IsOpen { get; private set; }

    public Task EnsureOpenAsync() => IsOpen ? Task.CompletedTask : OpenAsync();

    /// <summary>
    /// Closes if the division is open and <paramref name="settled"/>: writes the figures, then removes the reminder
    /// when <paramref name="parentHasLatest"/>.
    /// </summary>
    public async Task CloseAsync(Func<bool> settled, Func<bool> parentHasLatest)
    {
        await _turn.WaitAsync();
        try
        {
            if (!IsOpen || !settled())
            {
                return;
            }

            IsOpen = false;
            ledger.Update(ledger.State with { Open = false });
            try
            {
                await write();
            }
            catch
            {
                // Still open in storage as in memory: the figures stay covered.
                ledger.Update(ledger.State with { Open = true });
                IsOpen = true;
                throw;
            }

            if (parentHasLatest())
            {
                await reminder.ClearAsync();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The activation ends: whatever it wrote last says whether the division is open.</summary>
    /// <returns>Whether it was open (so its reminder may have to go).</returns>
    public bool End()
    {
        var wasOpen = IsOpen;
        IsOpen = false;
        return wasOpen;
    }

    private async Task OpenAsync()
    {
        // Figures that arrive while the division closes wait, then reopen it.
        await _turn.WaitAsync();
        try
        {
            if (IsOpen)
            {
                return;
            }

            // The reminder first: a crash after the write then still finds a reminder to wake the division and rebuild.
            await reminder.EnsureAsync();
            var state = ledger.State;
            var epoch = state.Epoch + 1;
            ledger.Update(state with { Open = true, Epoch = epoch, Version = Math.Max(state.Version, epoch << 32) });
            await write();
            IsOpen = true;
        }
        finally
        {
            _turn.Release();
        }
    }
}
