namespace Liandong.Reporting;

/// <summary>
/// The refusals of monthly reporting (项目月报) and of a city's warning-light rules that a portal form can meet (the monthly
/// report form and its spreadsheet import, the warning-light rules page), as keyed rules: the API answers their English text,
/// a form shows them in its language (Strings.resx "Workbench.Rule.{Key}"). One home, so that the grains and the service
/// refuse in the same words.
/// </summary>
public static class ReportRefusals
{
    public static RuleText Month { get; } = new("MonthRange", "Month must be between 1 and 12.");

    public static RuleText Year { get; } = new("ReportYear", "Year is out of range.");

    public static RuleText FutureMonth(int year, int month) => new("ReportFutureMonth", "{0}-{1:D2} is in the future.", year, month);

    public static RuleText BeforeStart(DateOnly start) =>
        new("ReportBeforeStart", "The project starts on {0:yyyy-MM-dd}; no report can come before that month.", start);

    public static RuleText InvestmentNegative { get; } = new("ReportInvestmentNegative", "Investment completed cannot be negative.");

    public static RuleText Progress { get; } = new("ReportProgress", "Progress must be between 0 and 100.");

    public static RuleText AnnualPlans { get; } = new("ReportAnnualPlans", "At most {0} annual plans.", InputLimits.MaxAnnualPlans);

    public static RuleText ProjectUnknown(string code) => new("ProjectUnknown", "Project {0} is not registered.", code);

    // A city's warning-light rules (预警规则).
    public static RuleText EffectiveFrom { get; } = new("RulesEffectiveFrom", "effectiveFrom is a year 2000–2100 and a month 1–12.");

    public static RuleText YellowBelow { get; } = new("LightYellowBelow", "yellowBelow is a share of the schedule above 0 and at most 1.5.");

    public static RuleText RedBelow { get; } = new("LightRedBelow", "redBelow is above 0 and not above yellowBelow.");

    public static RuleText NewStartGrace { get; } = new("LightNewStartGrace", "newStartGraceMonths is 0–24.");

    public static RuleText MissingReportMonths { get; } = new("LightMissingReportMonths", "missingReportMonths is 1–12.");

    public static RuleText ReportDueDay { get; } = new("LightReportDueDay", "reportDueDay is a day 1–28 of the next month.");

    /// <summary><paramref name="thisMonth"/> is written yyyy-MM.</summary>
    public static RuleText LightFromThisMonth(string thisMonth) =>
        new("LightFromThisMonth", "A rule takes effect from this month ({0}) or later: past months keep the rule they were judged by.", thisMonth);

    public static RuleText FromLatestVersion(string latest) =>
        new("RulesFromLatest", "The latest version takes effect from {0}; a new one takes effect from then or later.", latest);
}
