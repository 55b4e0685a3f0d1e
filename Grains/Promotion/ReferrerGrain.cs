using System.Collections.Immutable;
using Liandong.Grains.Coordination;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Promotion;

/// <summary>What a referrer grain persists: its profile and the latest summary of each lead it brought.</summary>
[GenerateSerializer, Alias("Liandong.ReferrerState")]
public sealed record ReferrerState : ISyncedState<ReferrerState>
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public ReferrerKind Kind { get; init; }

    [Id(2)] public string? CityCode { get; init; }

    [Id(3)] public string? HometownCode { get; init; }

    [Id(4)] public string? Contact { get; init; }

    [Id(5)] public ImmutableDictionary<string, LeadSummary> Leads { get; init; } = ImmutableDictionary<string, LeadSummary>.Empty;

    [Id(6)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    /// <summary>Grows with every persisted change; 0 for a referrer stored before its city's referrer list existed.</summary>
    [Id(7)] public long Version { get; init; }

    /// <summary>The version the city's referrer list had confirmed, as of the last write.</summary>
    [Id(8)] public long SyncedVersion { get; init; }

    public ReferrerState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}

/// <summary>
/// A referrer (引荐人): a 乡贤, a chamber of commerce, an agency or an enterprise already here, and what its leads became.
/// Every change (its profile, a lead's summary) is persisted, then pushed with its version to its city's
/// <see cref="ReferrerIndexGrain"/> (<see cref="SyncedGrain{TState}"/>: the retry reminder, registered before the write,
/// sends a push that was lost).
/// </summary>
public sealed class ReferrerGrain(
    [PersistentState("referrer", StorageNames.Main)] IPersistentState<ReferrerState> state,
    TimeProvider time,
    ILogger<ReferrerGrain> logger) : SyncedGrain<ReferrerState>(state, time, logger), IReferrerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Name is not null && State.Version == 0)
        {
            // Stored before the city's referrer list existed: it publishes itself once, in a turn of its own after the
            // activation (so that the list may ask this referrer for its summary meanwhile without waiting on it).
            this.RegisterGrainTimer(PublishStoredAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    public async Task<ReferrerInfo> RegisterAsync(string name, ReferrerKind kind, string cityCode, string? hometownCode, string? contact, string actor)
    {
        if (ReferrerRules.Refusal(Id, name, kind, cityCode, hometownCode, contact) is { } refusal)
        {
            throw refusal;
        }

        if (await GrainFactory.GetGrain<ICityGrain>(cityCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        var s = State;
        var created = s.Name is null;
        name = name.Trim();
        hometownCode = ReferrerRules.Blank(hometownCode);
        contact = ReferrerRules.Blank(contact);
        if (created || s.Name != name || s.Kind != kind || s.HometownCode != hometownCode || s.Contact != contact)
        {
            await CommitAsync(s with
            {
                Name = name,
                Kind = kind,
                CityCode = cityCode,
                HometownCode = hometownCode,
                Contact = contact,
                History = s.History.Add(new AuditEntry(Time.GetUtcNow(), actor, created ? $"registered {name}" : $"updated {name}")),
            });
        }

        return Info(created);
    }

    public Task<ReferrerInfo?> GetInfoAsync() => Task.FromResult(State.Name is null ? null : Info(false));

    public Task<ReferrerView> GetAsync()
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"Referrer {Id} is not registered.");
        }

        return Task.FromResult(new ReferrerView(Info(false),
            [.. State.Leads.Values.OrderByDescending(l => l.ReceivedDate).ThenBy(l => l.Id, StringComparer.Ordinal)]));
    }

    public async Task TrackLeadAsync(LeadSummary summary)
    {
        if (State.Leads.TryGetValue(summary.Id, out var held) && held.Version >= summary.Version)
        {
            return;
        }

        await CommitAsync(State with { Leads = State.Leads.SetItem(summary.Id, summary) });
    }

    public Task<ReferrerSummary?> GetSummaryAsync() => Task.FromResult(State.Name is null ? null : SummaryOf(Id, State));

    protected override Task PushAsync(ReferrerState persisted, IReadOnlyCollection<string>? scope) =>
        persisted.CityCode is { } city
            ? GrainFactory.GetGrain<IReferrerIndexGrain>(city).TrackAsync(SummaryOf(Id, persisted))
            // A lead's summary that arrived before the referrer was registered: no list to tell yet.
            : Task.CompletedTask;

    /// <summary>The row of the city's list: the profile and the same totals the referrer's page shows.</summary>
    internal static ReferrerSummary SummaryOf(string id, ReferrerState s) =>
        new(id, s.Name!, s.Kind, s.CityCode!, s.HometownCode, ReferrerTotals.Of([.. s.Leads.Values]), s.Version);

    private async Task PublishStoredAsync(CancellationToken cancellationToken)
    {
        if (State.Version == 0)
        {
            await CommitAsync(State);
        }
    }

    private ReferrerInfo Info(bool created)
    {
        var s = State;
        return new ReferrerInfo(Id, s.Name!, s.Kind, s.CityCode!, s.HometownCode, s.Contact, created);
    }
}
