namespace Liandong.Grains.Infrastructure;

/// <summary>The one way a grain changes its persisted state: the new state is written, or the old one stays.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Makes <paramref name="next"/> the grain's state and writes it; if the write fails, the state in memory is
    /// what it was before and the failure goes to the caller, so nothing unwritten is ever shown or acknowledged.
    /// </summary>
    public static async Task WriteOrRollBackAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
