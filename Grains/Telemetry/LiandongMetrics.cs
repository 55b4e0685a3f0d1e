using System.Diagnostics;
using System.Diagnostics.Metrics;
using Liandong.Hierarchy;

namespace Liandong.Grains.Telemetry;

/// <summary>
/// Liandong's business instruments, on the meter <see cref="MeterName"/> that the service defaults export
/// (Prometheus /metrics and OTLP). Grains record through the static methods; every instrument is tagged by
/// city and county code (<see cref="MetricPlace"/>), never by person or project, so series stay few.
/// </summary>
/// <remarks>
/// Static, like Orleans' own meter, so that any grain can record without a constructor parameter and every
/// test fixture works without registering anything. Names follow the OpenTelemetry conventions; the
/// Prometheus exporter turns <c>liandong.reports.accepted</c> into <c>liandong_reports_accepted_total</c>.
/// docs/operations.md lists them for the other flows.
/// </remarks>
public static class LiandongMetrics
{
    public const string MeterName = "Liandong";

    /// <summary>Tag keys.</summary>
    public const string CityTag = "liandong.city";
    public const string CountyTag = "liandong.county";
    public const string LevelTag = "liandong.level";
    public const string KindTag = "liandong.kind";
    public const string ReasonTag = "liandong.reason";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> ReportsAccepted = Meter.CreateCounter<long>(
        "liandong.reports.accepted", "{report}", "Monthly reports persisted and acknowledged (kind: new, correction, repeat).");

    private static readonly Counter<long> ReportsRejected = Meter.CreateCounter<long>(
        "liandong.reports.rejected", "{report}", "Monthly reports refused by the project grain (reason: the field at fault, or not_found).");

    private static readonly Histogram<double> PropagationDelay = Meter.CreateHistogram(
        "liandong.rollup.propagation.delay", "s",
        "From a project's acknowledged write until a division applied the snapshot carrying it (level: town, county, city).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    private static readonly Counter<long> MattersOpened = Meter.CreateCounter<long>(
        "liandong.matters.opened", "{matter}", "Matters (事项) raised.");

    private static readonly Counter<long> MattersAnswered = Meter.CreateCounter<long>(
        "liandong.matters.answered", "{answer}", "Department answers to matters.");

    private static readonly Counter<long> MattersResolved = Meter.CreateCounter<long>(
        "liandong.matters.resolved", "{matter}", "Matters the raiser confirmed resolved.");

    private static readonly Counter<long> MattersOverdue = Meter.CreateCounter<long>(
        "liandong.matters.overdue", "{matter}", "Matters that passed their deadline unanswered.");

    private static readonly Counter<long> MattersEscalated = Meter.CreateCounter<long>(
        "liandong.matters.escalated", "{matter}", "Overdue matters escalated one level up.");

    private static readonly Counter<long> DirectiveProgressUpdates = Meter.CreateCounter<long>(
        "liandong.directives.progress_updates", "{update}", "Progress reports on directives (联动任务), at any level.");

    private static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>(
        "liandong.signin.failures", "{attempt}", "Failed sign-ins, tagged by the account's jurisdiction when it is known.");

    /// <summary>A report was persisted and acknowledged; <paramref name="kind"/> is new, correction or repeat.</summary>
    public static void ReportAccepted(MetricPlace place, string kind)
    {
        var tags = place.Tags();
        tags.Add(KindTag, kind);
        ReportsAccepted.Add(1, tags);
    }

    /// <summary>A report was refused; <paramref name="reason"/> is the field at fault, or not_found.</summary>
    public static void ReportRejected(MetricPlace place, string reason)
    {
        var tags = place.Tags();
        tags.Add(ReasonTag, reason);
        ReportsRejected.Add(1, tags);
    }

    /// <summary>A division at <paramref name="level"/> applied a snapshot whose oldest change was acknowledged at <paramref name="origin"/>.</summary>
    public static void RollupApplied(MetricPlace place, DivisionLevel level, DateTimeOffset origin, DateTimeOffset now)
    {
        var tags = place.Tags();
        tags.Add(LevelTag, level switch { DivisionLevel.City => "city", DivisionLevel.County => "county", _ => "town" });
        PropagationDelay.Record(Math.Max(0d, (now - origin).TotalSeconds), tags);
    }

    public static void MatterOpened(MetricPlace place) => MattersOpened.Add(1, place.Tags());

    public static void MatterAnswered(MetricPlace place) => MattersAnswered.Add(1, place.Tags());

    public static void MatterResolved(MetricPlace place) => MattersResolved.Add(1, place.Tags());

    public static void MatterOverdue(MetricPlace place) => MattersOverdue.Add(1, place.Tags());

    public static void MatterEscalated(MetricPlace place) => MattersEscalated.Add(1, place.Tags());

    public static void DirectiveProgressUpdated(MetricPlace place) => DirectiveProgressUpdates.Add(1, place.Tags());

    /// <summary>A sign-in failed. Pass the jurisdiction of the account if it exists, never the user name.</summary>
    public static void SignInFailed(MetricPlace place) => SignInFailures.Add(1, place.Tags());
}

/// <summary>The city and county an instrument is tagged with; either may be unknown.</summary>
public readonly record struct MetricPlace(string? City, string? County)
{
    public static MetricPlace Unknown => default;

    public static MetricPlace OfCity(string cityCode) => new(cityCode, null);

    public static MetricPlace OfCounty(string countyCode) => new(DivisionCodes.CityOf(countyCode), countyCode);

    public static MetricPlace OfTown(string townCode) => OfCounty(DivisionCodes.CountyOf(townCode));

    /// <summary>A town, county or city code, told apart by length; a six-digit code is taken as a county unless it is a city's.</summary>
    public static MetricPlace Of(string? divisionCode) => divisionCode switch
    {
        null => Unknown,
        _ when DivisionCodes.IsTown(divisionCode) => OfTown(divisionCode),
        _ when DivisionCodes.IsCity(divisionCode) => OfCity(divisionCode),
        _ when DivisionCodes.IsCounty(divisionCode) => OfCounty(divisionCode),
        _ => Unknown,
    };

    internal TagList Tags()
    {
        var tags = default(TagList);
        if (City is not null)
        {
            tags.Add(LiandongMetrics.CityTag, City);
        }

        if (County is not null)
        {
            tags.Add(LiandongMetrics.CountyTag, County);
        }

        return tags;
    }
}
