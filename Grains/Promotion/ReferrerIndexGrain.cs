using System.Collections.Immutable;
using Liandong.Grains.Coordination;
using Liandong.Grains.Infrastructure;
using Liandong.Promotion;

namespace Liandong.Grains.Promotion;

/// <summary>
/// The referrers of one city (keyed by the city code), as the <see cref="SummaryIndex{T}"/> of coordination keeps its
/// lists: each referrer pushes its summary with its version after every persisted change, and reading the list is one
/// call here. A referrer stored before this list existed has never pushed: when the list activates it asks each referrer
/// that brought a lead of the city (the city's <see cref="ILeadIndexGrain"/> knows them) and is not listed yet for its
/// summary, and keeps it. Such a referrer also pushes itself the first time it activates (<see cref="ReferrerGrain"/>).
/// </summary>
public sealed class ReferrerIndexGrain(
    [PersistentState("referrer-index", StorageNames.Main)] IPersistentState<SummaryIndexState<ReferrerSummary>> state) : Grain, IReferrerIndexGrain
{
    private readonly SummaryIndex<ReferrerSummary> _index = new(state);

    private string City => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The lead index calls no other grain, and a referrer answers GetSummary interleaved (even while it is pushing
        // here), so this cannot wait on a call that waits on this activation.
        var leads = await GrainFactory.GetGrain<ILeadIndexGrain>(City).ListAsync(new LeadFilter(null, null, null));
        var missing = leads.Select(l => l.ReferrerId).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(id => !_index.Entries.ContainsKey(id))
            .ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var summaries = (await Task.WhenAll(missing.Select(id => GrainFactory.GetGrain<IReferrerGrain>(id).GetSummaryAsync())))
            .OfType<ReferrerSummary>().Where(s => s.CityCode == City).ToArray();
        if (summaries.Length > 0)
        {
            // One write for all of them; a referrer's own push, newer, replaces its row later.
            await state.WriteOrRollBackAsync(state.State with { Entries = state.State.Entries.SetItems(summaries.Select(s => KeyValuePair.Create(s.Id, s))) });
        }
    }

    public Task TrackAsync(ReferrerSummary summary) => _index.TrackAsync(summary);

    public Task<ImmutableArray<ReferrerSummary>> ListAsync() =>
        Task.FromResult(_index.Entries.Values
            .OrderByDescending(r => r.Totals.SignedAmount)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToImmutableArray());
}
