using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liandong.Bench;

public sealed record SetupResult(double Seconds, double ProjectsPerSecond, double HierarchySeconds);

/// <summary>Reports per second through the grains and through plain SQL, and their ratio (grains / SQL).</summary>
public sealed record IngestResult(
    int Reports,
    double ReportsPerSecond,
    double BaselinePerSecond,
    double Ratio,
    double GrainSeconds,
    double BaselineSeconds,
    double AckP50Ms,
    double AckP99Ms,
    double BaselineAckP50Ms,
    double BaselineAckP99Ms,
    int Errors,
    string? FirstError,
    double CpuMsPerReport,
    double BaselineCpuMsPerReport,
    double ProcessCpuUse,
    double BaselineProcessCpuUse,
    long AllocatedBytesPerReport,
    long BaselineAllocatedBytesPerReport,
    double StorageWritesPerReport,
    double StorageLockHeldMsPerWrite,
    double StorageLockWaitMsPerWrite,
    double StorageWritesPerCommit);

/// <summary>
/// Latency of reading the city overview and a county overview from the grains and by GROUP BY. P50/P99 are
/// over both kinds together; the speed-ups compare like with like: <see cref="SpeedupCity"/> and
/// <see cref="SpeedupCounty"/> per kind, <see cref="Speedup"/> for one city read plus one county read
/// (sum of the per-kind medians), since the baseline's two kinds differ a hundredfold and the median of
/// both together would fall between them.
/// </summary>
public sealed record OverviewResult(
    double P50Ms,
    double P99Ms,
    double BaselineP50Ms,
    double BaselineP99Ms,
    double Speedup,
    double SpeedupCity,
    double SpeedupCounty,
    double CityP50Ms,
    double CountyP50Ms,
    double BaselineCityP50Ms,
    double BaselineCountyP50Ms,
    double BaselineCityP99Ms,
    double BaselineCountyP99Ms,
    double InSiloCityP50Ms,
    double InSiloCountyP50Ms,
    int Reads,
    int BaselineReads);

/// <summary>Time from a report's acknowledgement until the city total includes it.</summary>
public sealed record PropagationResult(double P50Ms, double P95Ms, double MaxMs, int Samples, int TimedOut);

/// <summary>Managed heap (after a forced full GC) and working set, before and after the project grains were activated and fed.</summary>
public sealed record MemoryResult(
    long BytesPerProject,
    long WorkingSetBytesPerProject,
    long HeapBefore,
    long HeapAfter,
    long WorkingSetBefore,
    long WorkingSetAfter,
    int ActiveProjects);

public sealed record DatabaseResult(
    string Database,
    SetupResult Setup,
    IngestResult Ingest,
    OverviewResult Overview,
    PropagationResult Propagation,
    MemoryResult Memory,
    double SettleSecondsMax,
    bool Correct,
    IReadOnlyList<string> Problems,
    double TotalSeconds)
{
    /// <summary>Recovery after SIGKILL of the silo (RecoveryRun); null when it was not run (--no-recovery).</summary>
    public RecoveryResult? Recovery { get; init; }
}

public sealed record Sizes(int Cities, int Counties, int Towns, int Projects, int Reports, int Corrections);

public sealed record BenchReport(
    string Date,
    string Commit,
    int Cores,
    string Machine,
    string Runtime,
    string Preset,
    Sizes Sizes,
    string Client,
    int Concurrency,
    IReadOnlyList<DatabaseResult> Databases,
    bool Correct)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The table for the README: one column per database.</summary>
    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Liandong benchmark, {Sizes.Cities} city × {Sizes.Counties} counties × {Sizes.Towns:N0} towns × {Sizes.Projects:N0} projects, "
            + $"{Cores} cores, {Concurrency} in flight, {Client}; {Date[..10]}, commit {Commit}.");
        s.AppendLine();
        s.Append("| measure | target |");
        foreach (var d in Databases)
        {
            s.Append(CultureInfo.InvariantCulture, $" {d.Database} |");
        }

        s.AppendLine();
        s.Append("|---|---|");
        foreach (var _ in Databases)
        {
            s.Append("---:|");
        }

        s.AppendLine();
        Row(s, "ingest, reports/s (grains)", "", d => F0(d.Ingest.ReportsPerSecond));
        Row(s, "ingest, reports/s (plain SQL)", "", d => F0(d.Ingest.BaselinePerSecond));
        Row(s, "ingest ratio grains / SQL", "≥ 1.0 SQLite, ≥ 0.8 PG", d => F2(d.Ingest.Ratio));
        Row(s, "overview p50 / p99 ms (grains)", "p99 < 10", d => $"{F2(d.Overview.P50Ms)} / {F2(d.Overview.P99Ms)}");
        Row(s, "overview p50 / p99 ms (GROUP BY)", "", d => $"{F2(d.Overview.BaselineP50Ms)} / {F2(d.Overview.BaselineP99Ms)}");
        Row(s, "overview p50 ms city / county (grains)", "", d => $"{F2(d.Overview.CityP50Ms)} / {F2(d.Overview.CountyP50Ms)}");
        Row(s, "overview p50 ms city / county (GROUP BY)", "", d => $"{F2(d.Overview.BaselineCityP50Ms)} / {F2(d.Overview.BaselineCountyP50Ms)}");
        Row(s, "overview speed-up city / county / both", "≥ 100×",
            d => $"{F0(d.Overview.SpeedupCity)}× / {F0(d.Overview.SpeedupCounty)}× / {F0(d.Overview.Speedup)}×");
        Row(s, "propagation p50 / p95 ms", "p95 < 1000", d => $"{F0(d.Propagation.P50Ms)} / {F0(d.Propagation.P95Ms)}");
        Row(s, "memory per project grain", "< 8 KB", d => $"{d.Memory.BytesPerProject / 1024.0:F1} KB");
        Row(s, "setup (registration), s", "", d => F0(d.Setup.Seconds));
        Row(s, "recovery after SIGKILL: API answers, s", "", d => d.Recovery is { } r ? F1(r.ApiAnswersSeconds) : "–");
        Row(s, "recovery: every division exact, s", "≤ 60", d => d.Recovery is { } r ? (r.Exact ? F1(r.ExactSeconds) : "**not within the timeout**") : "–");
        Row(s, "recovery: city reads rebuilding / partial unflagged", "– / 0",
            d => d.Recovery is { } r ? $"{r.CityReadsRebuilding} of {r.CityReads} / {r.CityReadsPartialNotFlagged}" : "–");
        Row(s, "correct", "true", d => d.Correct ? "true" : "**false**");
        return s.ToString();
    }

    /// <summary>A plain console table.</summary>
    public string ToConsoleTable()
    {
        var s = new StringBuilder();
        var header = string.Join("", Databases.Select(d => d.Database.PadLeft(22)));
        s.AppendLine(CultureInfo.InvariantCulture, $"{"",-34}{header}");
        void Line(string name, Func<DatabaseResult, string> value) =>
            s.AppendLine(CultureInfo.InvariantCulture, $"{name,-34}{string.Join("", Databases.Select(d => value(d).PadLeft(22)))}");
        Line("setup: projects registered/s", d => F0(d.Setup.ProjectsPerSecond));
        Line("ingest: reports/s grains", d => F0(d.Ingest.ReportsPerSecond));
        Line("ingest: reports/s plain SQL", d => F0(d.Ingest.BaselinePerSecond));
        Line("ingest: ratio (target SQLite >= 1.0, PG >= 0.8)", d => F2(d.Ingest.Ratio));
        Line("ingest: ack p50/p99 ms grains", d => $"{F1(d.Ingest.AckP50Ms)} / {F1(d.Ingest.AckP99Ms)}");
        Line("ingest: ack p50/p99 ms SQL", d => $"{F1(d.Ingest.BaselineAckP50Ms)} / {F1(d.Ingest.BaselineAckP99Ms)}");
        Line("ingest: process CPU ms/report", d => $"{F2(d.Ingest.CpuMsPerReport)} / {F2(d.Ingest.BaselineCpuMsPerReport)} SQL");
        Line("ingest: cores busy (this process)", d => $"{F2(d.Ingest.ProcessCpuUse)} / {F2(d.Ingest.BaselineProcessCpuUse)} SQL");
        Line("ingest: KB allocated/report", d => $"{d.Ingest.AllocatedBytesPerReport / 1024} / {d.Ingest.BaselineAllocatedBytesPerReport / 1024} SQL");
        Line("ingest: grain writes/report; per commit", d => $"{F2(d.Ingest.StorageWritesPerReport)}; {F1(d.Ingest.StorageWritesPerCommit)}");
        Line("ingest: commit held/wait ms", d => $"{F2(d.Ingest.StorageLockHeldMsPerWrite)} / {F1(d.Ingest.StorageLockWaitMsPerWrite)}");
        Line("overview: p50/p99 ms grains", d => $"{F2(d.Overview.P50Ms)} / {F2(d.Overview.P99Ms)}");
        Line("overview: p50/p99 ms GROUP BY", d => $"{F2(d.Overview.BaselineP50Ms)} / {F2(d.Overview.BaselineP99Ms)}");
        Line("overview: city p50 grains/SQL ms", d => $"{F2(d.Overview.CityP50Ms)} / {F2(d.Overview.BaselineCityP50Ms)}");
        Line("overview: county p50 grains/SQL ms", d => $"{F2(d.Overview.CountyP50Ms)} / {F2(d.Overview.BaselineCountyP50Ms)}");
        Line("overview: in-silo city/county p50 ms", d => $"{F3(d.Overview.InSiloCityP50Ms)} / {F3(d.Overview.InSiloCountyP50Ms)}");
        Line("overview: speed-up city/county/both", d => $"{F0(d.Overview.SpeedupCity)} / {F0(d.Overview.SpeedupCounty)} / {F0(d.Overview.Speedup)}");
        Line("propagation: p50/p95 ms (< 1000)", d => $"{F0(d.Propagation.P50Ms)} / {F0(d.Propagation.P95Ms)}");
        Line("propagation: samples", d => $"{d.Propagation.Samples} ({d.Propagation.TimedOut} late)");
        Line("memory: heap B/project (< 8192)", d => d.Memory.BytesPerProject.ToString(CultureInfo.InvariantCulture));
        Line("memory: working set B/project", d => d.Memory.WorkingSetBytesPerProject.ToString(CultureInfo.InvariantCulture));
        Line("settle after ingest, s (max)", d => F1(d.SettleSecondsMax));
        Line("recovery: API answers, s", d => d.Recovery is { } r ? F1(r.ApiAnswersSeconds) : "-");
        Line("recovery: all divisions exact, s", d => d.Recovery is { } r ? (r.Exact ? F1(r.ExactSeconds) : "TIMEOUT") : "-");
        Line("recovery: city reads/rebuilding", d => d.Recovery is { } r ? $"{r.CityReads} / {r.CityReadsRebuilding}" : "-");
        Line("recovery: partial shown complete", d => d.Recovery is { } r ? r.CityReadsPartialNotFlagged.ToString(CultureInfo.InvariantCulture) : "-");
        Line("recovery: acknowledged lost", d => d.Recovery is { } r ? r.AcknowledgedLost.ToString(CultureInfo.InvariantCulture) : "-");
        Line("correct", d => d.Correct ? "true" : "FALSE");
        Line("run time, s", d => F0(d.TotalSeconds));
        return s.ToString();
    }

    private void Row(StringBuilder s, string name, string target, Func<DatabaseResult, string> value)
    {
        s.Append(CultureInfo.InvariantCulture, $"| {name} | {target} |");
        foreach (var d in Databases)
        {
            s.Append(CultureInfo.InvariantCulture, $" {value(d)} |");
        }

        s.AppendLine();
    }

    private static string F0(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static string F3(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}
