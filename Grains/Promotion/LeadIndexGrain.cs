using System.Collections.Immutable;
using Liandong.Promotion;

namespace Liandong.Grains.Promotion;

/// <summary>What a city's lead index persists.</summary>
[GenerateSerializer, Alias("Liandong.LeadIndexState")]
public sealed record LeadIndexState
{
    /// <summary>Dedupe key → the id of the active lead that holds it.</summary>
    [Id(0)] public ImmutableDictionary<string, string> Keys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The latest summary of every lead of the city, by id.</summary>
    [Id(1)] public ImmutableDictionary<string, LeadSummary> Leads { get; init; } = ImmutableDictionary<string, LeadSummary>.Empty;

    /// <summary>Reservations not yet followed by the lead's first summary: id → (name, investor), for the 409's message.</summary>
    [Id(2)] public ImmutableDictionary<string, string> Reserved { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>
/// The city's leads: the one place two leads of the city meet, so the dedupe check and the reservation are one
/// turn of one grain (not reentrant), and a second lead with the same key is refused even when both arrive at once.
/// A lead reserves its key before its own first write; a dropped lead frees it.
/// </summary>
public sealed class LeadIndexGrain(
    [PersistentState("lead-index", StorageNames.Main)] IPersistentState<LeadIndexState> state) : Grain, ILeadIndexGrain
{
    public async Task ReserveAsync(string key, string leadId, string name, string investor)
    {
        var s = state.State;
        if (s.Keys.TryGetValue(key, out var holder) && holder != leadId)
        {
            var what = s.Leads.TryGetValue(holder, out var lead) ? $"{lead.Investor} {lead.Name}" : s.Reserved.GetValueOrDefault(holder, "");
            throw DomainException.Conflict(PromotionRefusals.Duplicate(holder, what));
        }

        if (holder == leadId)
        {
            return;
        }

        state.State = s with { Keys = s.Keys.SetItem(key, leadId), Reserved = s.Reserved.SetItem(leadId, $"{investor} {name}") };
        await state.WriteStateAsync();
    }

    public async Task ReleaseAsync(string key, string leadId)
    {
        var s = state.State;
        if (s.Keys.TryGetValue(key, out var holder) && holder == leadId && !s.Leads.ContainsKey(leadId))
        {
            state.State = s with { Keys = s.Keys.Remove(key), Reserved = s.Reserved.Remove(leadId) };
            await state.WriteStateAsync();
        }
    }

    public async Task TrackAsync(LeadSummary summary)
    {
        var s = state.State;
        if (s.Leads.TryGetValue(summary.Id, out var held) && held.Version >= summary.Version)
        {
            return;
        }

        var keys = s.Keys;
        if (summary.Stage == LeadStage.Dropped && keys.TryGetValue(summary.DedupeKey, out var holder) && holder == summary.Id)
        {
            keys = keys.Remove(summary.DedupeKey);
        }

        state.State = s with { Leads = s.Leads.SetItem(summary.Id, summary), Keys = keys, Reserved = s.Reserved.Remove(summary.Id) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<LeadSummary>> ListAsync(LeadFilter filter)
    {
        var leads = state.State.Leads.Values
            .Where(l => filter.CountyCode is null || l.CountyCode == filter.CountyCode)
            .Where(l => filter.Stage is null || l.Stage == filter.Stage)
            .Where(l => filter.Overdue is null || l.Overdue == filter.Overdue)
            .Where(l => filter.TownCode is null || l.TownCode == filter.TownCode)
            .Where(l => filter.LeaderId is null || l.ResponsibleLeaderId == filter.LeaderId)
            .OrderByDescending(l => l.ReceivedDate)
            .ThenBy(l => l.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return Task.FromResult(leads);
    }
}
