using System.Collections.Immutable;

namespace Liandong.Reporting;

/// <summary>A calendar month, the unit rules take effect by.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.YearMonth")]
public sealed record YearMonth([property: Id(0)] int Year, [property: Id(1)] int Month)
{
    /// <summary>Months since year 0: consecutive months differ by one.</summary>
    public int Index => Year * 12 + Month - 1;

    public static YearMonth FromIndex(int index) => new(index / 12, index % 12 + 1);

    public YearMonth Previous => FromIndex(Index - 1);

    public override string ToString() => $"{Year}-{Month:D2}";
}

/// <summary>
/// One version of a city's warning-light rule (亮灯规则): a project is yellow below <see cref="YellowBelow"/> of the
/// time-elapsed schedule (序时进度), red below <see cref="RedBelow"/>; red when a new start has not started
/// <see cref="NewStartGraceMonths"/> months after its planned start, or has sent no report for
/// <see cref="MissingReportMonths"/> months. Reports of a month are due by <see cref="ReportDueDay"/> of the next.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.CityLightRule")]
public sealed record CityLightRule(
    [property: Id(0)] YearMonth EffectiveFrom,
    [property: Id(1)] decimal YellowBelow,
    [property: Id(2)] decimal RedBelow,
    [property: Id(3)] int NewStartGraceMonths,
    [property: Id(4)] int MissingReportMonths,
    [property: Id(5)] int ReportDueDay)
{
    /// <summary>The common scheme, and Guangdong's provincial due day (the 6th): in force when a city has set nothing.</summary>
    public static CityLightRule Default { get; } = new(new YearMonth(2000, 1), 0.8m, 0.6m, 3, 2, 6);

    /// <summary>Who set it and when (empty for the default).</summary>
    [Id(6)] public string? SetBy { get; init; }

    [Id(7)] public DateTimeOffset? SetAt { get; init; }

    /// <summary>The field problems of the rule as a city would send it, none when it is valid.</summary>
    public IEnumerable<(string Field, string Message)> Problems() => Rules().Select(p => (p.Field, p.Message.Text));

    /// <summary>The field problems with their keyed messages (a portal form shows them in its language).</summary>
    public IEnumerable<(string Field, RuleText Message)> Rules()
    {
        if (EffectiveFrom.Month is < 1 or > 12 || EffectiveFrom.Year is < 2000 or > 2100)
        {
            yield return ("effectiveFrom", ReportRefusals.EffectiveFrom);
        }

        if (YellowBelow is <= 0m or > 1.5m)
        {
            yield return ("yellowBelow", ReportRefusals.YellowBelow);
        }

        if (RedBelow is <= 0m || RedBelow > YellowBelow)
        {
            yield return ("redBelow", ReportRefusals.RedBelow);
        }

        if (NewStartGraceMonths is < 0 or > 24)
        {
            yield return ("newStartGraceMonths", ReportRefusals.NewStartGrace);
        }

        if (MissingReportMonths is < 1 or > 12)
        {
            yield return ("missingReportMonths", ReportRefusals.MissingReportMonths);
        }

        if (ReportDueDay is < 1 or > 28)
        {
            yield return ("reportDueDay", ReportRefusals.ReportDueDay);
        }
    }
}

/// <summary>
/// A city's warning-light rules, every version with the month it takes effect: a month is judged by the latest
/// version in force for it, so past months keep the rule they were judged by. <see cref="Version"/> grows with
/// every change; a project holds the book it was last told of and ignores an older one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.LightRuleBook")]
public sealed record LightRuleBook(
    [property: Id(0)] string CityCode,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<CityLightRule> Versions)
{
    public static LightRuleBook DefaultFor(string cityCode) => new(cityCode, 0, []);

    /// <summary>The rule in force for a month: the latest version effective by then, else the default.</summary>
    public CityLightRule RuleFor(int year, int month)
    {
        var index = year * 12 + month - 1;
        var rule = CityLightRule.Default;
        foreach (var v in Versions)
        {
            if (v.EffectiveFrom.Index <= index)
            {
                rule = v;
            }
        }

        return rule;
    }

    /// <summary>The rule in force from now on: the latest version.</summary>
    public CityLightRule Current => Versions.IsDefaultOrEmpty ? CityLightRule.Default : Versions[^1];
}

/// <summary>A city's warning-light rule, versioned by the month it takes effect; keyed by the city code.</summary>
[Alias("Liandong.ILightRuleGrain")]
public interface ILightRuleGrain : IGrainWithStringKey
{
    /// <summary>Every version of the city's rule (none set: the default alone).</summary>
    [Alias("Get")]
    Task<LightRuleBook> GetAsync();

    /// <summary>
    /// Sets the rule from a month on (this month or later; the same month as the latest version replaces it),
    /// persists it, then tells every project of the city, which re-judges the months from then on.
    /// </summary>
    [Alias("Set")]
    Task<LightRuleBook> SetAsync(CityLightRule rule, string actor);
}

/// <summary>A project's side of the city's light rule: it keeps the rule book it is judged by.</summary>
[Alias("Liandong.IProjectLightRules")]
public interface IProjectLightRules
{
    /// <summary>Takes a newer rule book (an older or equal version changes nothing), re-judges, persists and pushes.</summary>
    [Alias("AdoptLightRules")]
    Task AdoptLightRulesAsync(LightRuleBook book);
}
