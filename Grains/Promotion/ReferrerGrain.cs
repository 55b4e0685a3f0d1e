using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Grains.Promotion;

/// <summary>What a referrer grain persists: its profile and the latest summary of each lead it brought.</summary>
[GenerateSerializer, Alias("Liandong.ReferrerState")]
public sealed record ReferrerState
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public ReferrerKind Kind { get; init; }

    [Id(2)] public string? CityCode { get; init; }

    [Id(3)] public string? HometownCode { get; init; }

    [Id(4)] public string? Contact { get; init; }

    [Id(5)] public ImmutableDictionary<string, LeadSummary> Leads { get; init; } = ImmutableDictionary<string, LeadSummary>.Empty;

    [Id(6)] public ImmutableArray<AuditEntry> History { get; init; } = [];
}

/// <summary>A referrer (引荐人): a 乡贤, a chamber of commerce, an agency or an enterprise already here, and what its leads became.</summary>
public sealed class ReferrerGrain(
    [PersistentState("referrer", StorageNames.Main)] IPersistentState<ReferrerState> state,
    TimeProvider time) : Grain, IReferrerGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<ReferrerInfo> RegisterAsync(string name, ReferrerKind kind, string cityCode, string? hometownCode, string? contact, string actor)
    {
        if (!ReferrerIds.IsValid(Id) || ReferrerIds.CityOf(Id) != cityCode)
        {
            throw DomainException.Invalid("id", "A referrer id is {cityCode}-{slug}, its city code the body's cityCode.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > PromotionLimits.MaxName)
        {
            throw DomainException.Invalid("name", $"Name is required (at most {PromotionLimits.MaxName} characters).");
        }

        if (hometownCode is not null
            && !(DivisionCodes.IsCounty(hometownCode) && DivisionCodes.CityOf(hometownCode) == cityCode
                 || DivisionCodes.IsTown(hometownCode) && DivisionCodes.CityOf(DivisionCodes.CountyOf(hometownCode)) == cityCode))
        {
            throw DomainException.Invalid("hometownCode", "The home town is a county or town code of the referrer's city.");
        }

        if (contact is { Length: > 200 })
        {
            throw DomainException.Invalid("contact", "At most 200 characters.");
        }

        if (await GrainFactory.GetGrain<ICityGrain>(cityCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        var s = state.State;
        var created = s.Name is null;
        name = name.Trim();
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (created || s.Name != name || s.Kind != kind || s.HometownCode != hometownCode || s.Contact != contact)
        {
            state.State = s with
            {
                Name = name,
                Kind = kind,
                CityCode = cityCode,
                HometownCode = hometownCode,
                Contact = contact,
                History = s.History.Add(new AuditEntry(time.GetUtcNow(), actor, created ? $"registered {name}" : $"updated {name}")),
            };
            await state.WriteStateAsync();
        }

        return Info(created);
    }

    public Task<ReferrerInfo?> GetInfoAsync() => Task.FromResult(state.State.Name is null ? null : Info(false));

    public Task<ReferrerView> GetAsync()
    {
        if (state.State.Name is null)
        {
            throw DomainException.NotFound($"Referrer {Id} is not registered.");
        }

        return Task.FromResult(new ReferrerView(Info(false),
            [.. state.State.Leads.Values.OrderByDescending(l => l.ReceivedDate).ThenBy(l => l.Id, StringComparer.Ordinal)]));
    }

    public async Task TrackLeadAsync(LeadSummary summary)
    {
        if (state.State.Leads.TryGetValue(summary.Id, out var held) && held.Version >= summary.Version)
        {
            return;
        }

        state.State = state.State with { Leads = state.State.Leads.SetItem(summary.Id, summary) };
        await state.WriteStateAsync();
    }

    private ReferrerInfo Info(bool created)
    {
        var s = state.State;
        return new ReferrerInfo(Id, s.Name!, s.Kind, s.CityCode!, s.HometownCode, s.Contact, created);
    }
}
