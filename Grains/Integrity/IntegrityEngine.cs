using System.Collections.Immutable;
using System.Globalization;
using Liandong.Tenders;

namespace Liandong.Grains.Integrity;

/// <summary>What the indicators found in a set of processes: the flags, the fences used, and each indicator's coverage.</summary>
public sealed record IntegrityReport(
    ImmutableArray<Finding> Findings,
    ImmutableDictionary<string, Fence> Fences,
    ImmutableArray<CoverageRow> Coverage);

/// <summary>
/// Runs every statutory check and red flag over a city's processes. Pure: no grain, no clock, no I/O — the
/// same records always give the same report, which is what the unit tests and the alert book rely on.
/// </summary>
public static class IntegrityEngine
{
    public static IntegrityReport Evaluate(IReadOnlyList<TenderRecord> records, IntegritySettings settings)
    {
        var findings = ImmutableArray.CreateBuilder<Finding>();
        var fences = ImmutableDictionary.CreateBuilder<string, Fence>();
        var coverage = ImmutableArray.CreateBuilder<CoverageRow>();
        var context = new EvaluationContext(records, settings, findings, fences, coverage);

        StatutoryChecks.Run(context);
        RedFlags.Run(context);
        return new IntegrityReport(findings.ToImmutable(), fences.ToImmutable(), coverage.ToImmutable());
    }
}

/// <summary>What an indicator reads and where it writes.</summary>
public sealed record EvaluationContext(
    IReadOnlyList<TenderRecord> Records,
    IntegritySettings Settings,
    ImmutableArray<Finding>.Builder Findings,
    ImmutableDictionary<string, Fence>.Builder Fences,
    ImmutableArray<CoverageRow>.Builder Coverage);

/// <summary>Counts, for one indicator, the processes it applies to, those it could evaluate, and why not the rest.</summary>
public sealed class CoverageTally(string indicator)
{
    private readonly Dictionary<string, int> _missing = new(StringComparer.Ordinal);

    public int Processes { get; private set; }

    public int Evaluated { get; private set; }

    public int Flagged { get; set; }

    public Fence? Fence { get; set; }

    public string? Note { get; set; }

    /// <summary>The process is one the indicator applies to.</summary>
    public void Applies() => Processes++;

    public void Evaluate() => Evaluated++;

    /// <summary>The process could not be evaluated: what was missing (a field name) or why it was excluded.</summary>
    public void Miss(string reason) => _missing[reason] = _missing.GetValueOrDefault(reason) + 1;

    public CoverageRow ToRow() => new(indicator, Processes, Evaluated, _missing.ToImmutableDictionary(), Flagged, Fence, Note);
}

/// <summary>Small helpers the indicators share.</summary>
internal static class Evidence
{
    public static EvidenceFigure Figure(string name, object? value) => new(name, value switch
    {
        null => "—",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.######", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "—",
    });

    public static Finding Process(string indicator, TenderRecord r, double? value, IEnumerable<EvidenceFigure> figures, IEnumerable<string>? organisations = null, Fence? fence = null) =>
        new(indicator, FlagLevel.Process, r.ProcessId, r.Id, r.Data.Ocid, r.Placement.ProjectCode, r.Placement.CountyCode, value,
            new FlagEvidence([.. figures], [.. (organisations ?? []).Distinct().Order(StringComparer.Ordinal)], [r.Id], fence));

    /// <summary>A finding about an organisation or a group of processes: its county when they all lie in one, else the city level.</summary>
    public static Finding Group(string indicator, FlagLevel level, string subject, IReadOnlyCollection<TenderRecord> processes, double? value,
        IEnumerable<EvidenceFigure> figures, IEnumerable<string> organisations, Fence? fence = null)
    {
        var counties = processes.Select(p => p.Placement.CountyCode).Distinct().ToList();
        var projects = processes.Select(p => p.Placement.ProjectCode).Distinct().ToList();
        return new Finding(indicator, level, subject, null, null,
            projects.Count == 1 ? projects[0] : null,
            counties.Count == 1 ? counties[0] : null,
            value,
            new FlagEvidence([.. figures], [.. organisations.Distinct().Order(StringComparer.Ordinal)],
                [.. processes.Select(p => p.Id).Distinct().Order(StringComparer.Ordinal)], fence));
    }

    /// <summary>A bidder's label in evidence: "name (id)".</summary>
    public static string Label(Bidder b) => b.Name == b.Id ? b.Id : $"{b.Name} ({b.Id})";
}
