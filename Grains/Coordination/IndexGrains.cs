using System.Collections.Immutable;
using Liandong.Coordination;

namespace Liandong.Grains.Coordination;

/// <summary>
/// The matters of one jurisdiction, keyed by its division code. A matter pushes its summary to the index of the
/// division that raised it and of every level above (town, county, city: at most three), so a county lists what its
/// towns raised and the city everything in it.
/// </summary>
public sealed class MatterIndexGrain(
    [PersistentState("matterIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<MatterSummary>> state,
    TimeProvider time) : Grain, IMatterIndexGrain
{
    private readonly SummaryIndex<MatterSummary> _index = new(state);

    public Task TrackAsync(MatterSummary summary) => _index.TrackAsync(summary);

    public Task<ImmutableArray<MatterSummary>> ListAsync(MatterStatus? status)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Task.FromResult(Lists.NewestFirst(_index.Entries.Values.Where(m => status is null || m.Status == status))
            .Select(m => m.AsOf(today)).ToImmutableArray());
    }

    public Task<ImmutableDictionary<string, int>> CountUnresolvedByProjectAsync(ImmutableArray<string> projectCodes)
    {
        var counts = projectCodes.Distinct().ToImmutableDictionary(code => code, code =>
            _index.Entries.Values.Count(m => m.ProjectCode == code && MatterRules.IsUnresolved(m.Status)));
        return Task.FromResult(counts);
    }
}

/// <summary>The meetings held in a city or at a county (keyed by the division code): the meeting pushes to both.</summary>
public sealed class MeetingIndexGrain(
    [PersistentState("meetingIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<MeetingSummary>> state) : Grain, IMeetingIndexGrain
{
    private readonly SummaryIndex<MeetingSummary> _index = new(state);

    public Task TrackAsync(MeetingSummary summary) => _index.TrackAsync(summary);

    public Task<ImmutableArray<MeetingSummary>> ListAsync() =>
        Task.FromResult(_index.Entries.Values.OrderByDescending(m => m.Date).ThenBy(m => m.Id, StringComparer.Ordinal).ToImmutableArray());
}

/// <summary>
/// The directives that reach one jurisdiction (keyed by its division code): the city that issued it, each county it
/// was issued to, each town a county split its share to. Each holds its own share's progress.
/// </summary>
public sealed class DirectiveIndexGrain(
    [PersistentState("directiveIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<DirectiveSummary>> state,
    TimeProvider time) : Grain, IDirectiveIndexGrain
{
    private readonly SummaryIndex<DirectiveSummary> _index = new(state);

    public Task TrackAsync(DirectiveSummary summary) => _index.TrackAsync(summary);

    public Task<ImmutableArray<DirectiveSummary>> ListAsync()
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Task.FromResult(_index.Entries.Values
            .OrderByDescending(d => d.IssuedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => d.AsOf(today)).ToImmutableArray());
    }
}

/// <summary>The leaders of a city (keyed by the city code).</summary>
public sealed class LeaderIndexGrain(
    [PersistentState("leaderIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<LeaderSummary>> state) : Grain, ILeaderIndexGrain
{
    private readonly SummaryIndex<LeaderSummary> _index = new(state);

    public Task TrackAsync(LeaderSummary summary) => _index.TrackAsync(summary);

    public Task<ImmutableArray<LeaderSummary>> ListAsync() =>
        Task.FromResult(_index.Entries.Values.OrderBy(l => l.Body).ThenBy(l => l.Id, StringComparer.Ordinal).ToImmutableArray());
}

/// <summary>Orders of the lists coordination shows.</summary>
internal static class Lists
{
    public static IEnumerable<MatterSummary> NewestFirst(IEnumerable<MatterSummary> matters) =>
        matters.OrderByDescending(m => m.RaisedAt).ThenBy(m => m.Id, StringComparer.Ordinal);
}
