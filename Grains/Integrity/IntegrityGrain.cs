using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Tenders;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Integrity;

/// <summary>What a city's integrity grain persists (state name "integrity").</summary>
[GenerateSerializer, Alias("Liandong.Tenders.IntegrityState")]
public sealed record IntegrityState
{
    [Id(0)] public IntegritySettings Settings { get; init; } = IntegritySettings.Default;

    [Id(1)] public ImmutableDictionary<string, IntegrityFlag> Alerts { get; init; } = ImmutableDictionary<string, IntegrityFlag>.Empty;

    /// <summary>The city index version the alerts were computed from (−1: never, or the settings changed since).</summary>
    [Id(2)] public long ComputedVersion { get; init; } = -1;

    [Id(3)] public ImmutableDictionary<string, Fence> Fences { get; init; } = ImmutableDictionary<string, Fence>.Empty;

    [Id(4)] public ImmutableArray<CoverageRow> Coverage { get; init; } = [];

    [Id(5)] public ImmutableArray<Liandong.Reporting.AuditEntry> History { get; init; } = [];
}

/// <summary>
/// A city's integrity alerts. Computed lazily: a read first asks the city's tender index for its version and,
/// when it moved, reads the processes and merges the engine's findings into the alerts (AlertBook), so that
/// entering a process costs one write to the index and nothing here until someone looks.
/// </summary>
public sealed class IntegrityGrain(
    [PersistentState("integrity", StorageNames.Main)] IPersistentState<IntegrityState> state,
    TimeProvider time,
    ILogger<IntegrityGrain> logger) : Grain, IIntegrityGrain
{
    private string City => this.GetPrimaryKeyString();

    public async Task<(ImmutableArray<IntegrityFlag> Flags, ImmutableDictionary<string, Fence> Fences)> GetFlagsAsync()
    {
        await RefreshAsync();
        return ([.. state.State.Alerts.Values.OrderByDescending(a => a.Severity).ThenBy(a => a.Id, StringComparer.Ordinal)], state.State.Fences);
    }

    public async Task<IntegrityFlag> GetFlagAsync(string id)
    {
        await RefreshAsync();
        return state.State.Alerts.TryGetValue(id, out var alert) ? alert : throw DomainException.NotFound($"Alert {id} does not exist.");
    }

    public async Task<IntegrityFlag> ReviewAsync(string id, ReviewOutcome outcome, string note, string actor)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw DomainException.Invalid("outcome", "Outcome is confirmed or dismissed.");
        }

        if (string.IsNullOrWhiteSpace(note) || note.Length > 1000)
        {
            throw DomainException.Invalid("note", "A note is required (at most 1000 characters).");
        }

        await RefreshAsync();
        if (!state.State.Alerts.TryGetValue(id, out var alert))
        {
            throw DomainException.NotFound($"Alert {id} does not exist.");
        }

        var reviewed = AlertBook.Review(alert, outcome, note.Trim(), actor, time.GetUtcNow());
        await WriteAsync(state.State with { Alerts = state.State.Alerts.SetItem(id, reviewed) });
        logger.LogInformation("{Actor} reviewed alert {Alert} in {City}: {Outcome}", actor, id, City, outcome);
        return reviewed;
    }

    public async Task<ImmutableArray<CoverageRow>> GetCoverageAsync()
    {
        await RefreshAsync();
        return state.State.Coverage;
    }

    public Task<IntegritySettings> GetSettingsAsync() => Task.FromResult(state.State.Settings);

    public async Task<IntegritySettings> SetSettingsAsync(IntegritySettings settings, string actor)
    {
        if (settings.MinBidWindowDays is < 0 or > 365 || settings.MinDocumentDays is < 0 or > 365 || settings.MaxContractDays is < 0 or > 365 ||
            settings.SerialWinnerWindowDays is < 1 or > 3650 || settings.R003Days is < 0 or > 365)
        {
            throw DomainException.Invalid("settings", "Day counts lie between 0 and 365 (the serial-winner window between 1 and 3650).");
        }

        if (settings.MinBidders is < 1 or > 50 || settings.SerialWinnerLimit is < 1 or > 1000 || settings.R035Threshold is < 1 or > 1000 ||
            settings.R025Percentile is < 1 or > 99 || settings.R038MinimumProcesses < 1 || settings.R038MinimumSubmittedBids < 1)
        {
            throw DomainException.Invalid("settings", "Counts and limits are at least 1 (the R025 percentile between 1 and 99).");
        }

        if (settings.WorksThreshold <= 0 || settings.GoodsThreshold <= 0 || settings.ServicesThreshold <= 0 ||
            settings.WorksThreshold > TenderRules.MaxAmount || settings.MaxBidBondPercent is < 0 or > 100 || settings.MaxPerformanceBondPercent is < 0 or > 100)
        {
            throw DomainException.Invalid("settings", "Thresholds (万元) are above 0; percentages lie between 0 and 100.");
        }

        await WriteAsync(state.State with
        {
            Settings = settings,
            ComputedVersion = -1,
            History = state.State.History.Add(new Liandong.Reporting.AuditEntry(time.GetUtcNow(), actor, "changed the integrity settings")),
        });
        return settings;
    }

    /// <summary>Recomputes when the city's processes (or the settings) changed since the last computation.</summary>
    private async Task RefreshAsync()
    {
        var (records, version) = await GrainFactory.GetGrain<ICityTendersGrain>(City).ListAsync(null, null);
        if (version == state.State.ComputedVersion)
        {
            return;
        }

        var report = IntegrityEngine.Evaluate(records, state.State.Settings);
        var (alerts, _) = AlertBook.Merge(state.State.Alerts, report.Findings, time.GetUtcNow());
        await WriteAsync(state.State with { Alerts = alerts, ComputedVersion = version, Fences = report.Fences, Coverage = report.Coverage });
        logger.LogInformation("Integrity of {City} recomputed over {Count} processes: {Open} open alerts", City, records.Length,
            alerts.Values.Count(a => a.Status == FlagStatus.Open));
    }

    private Task WriteAsync(IntegrityState next) => state.WriteOrRollBackAsync(next);
}
