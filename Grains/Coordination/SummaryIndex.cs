using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Coordination;

/// <summary>What an index grain persists: the latest summary of each entry, by id.</summary>
[GenerateSerializer, Alias("Liandong.SummaryIndexState`1")]
public sealed record SummaryIndexState<T>
    where T : IIndexEntry
{
    [Id(0)] public ImmutableDictionary<string, T> Entries { get; init; } = ImmutableDictionary<string, T>.Empty;
}

/// <summary>
/// The index design of coordination: a list that a jurisdiction, a department or a leader shows is kept as
/// summaries inside one grain, pushed there by the grain that owns each entry whenever it changes, so that reading
/// the list is one grain call and never a scan. Each push carries the owner's version; an older one changes nothing,
/// so pushes may be repeated or reordered.
/// </summary>
public sealed class SummaryIndex<T>(IPersistentState<SummaryIndexState<T>> state)
    where T : IIndexEntry
{
    public ImmutableDictionary<string, T> Entries => state.State.Entries;

    /// <summary>Stores the summary if it is newer than the one held; returns once it is durable.</summary>
    public async Task TrackAsync(T summary)
    {
        var entries = state.State.Entries;
        if (entries.TryGetValue(summary.Id, out var held) && held.Version >= summary.Version)
        {
            return;
        }

        await state.WriteOrRollBackAsync(state.State with { Entries = entries.SetItem(summary.Id, summary) });
    }
}
