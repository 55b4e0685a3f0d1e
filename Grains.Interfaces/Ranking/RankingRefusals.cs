namespace Liandong.Ranking;

/// <summary>
/// The refusals of a city's ranking rules (考核排名规则) that the portal's rules page can meet, as keyed rules: the API answers
/// their English text, the page shows them in its language (Strings.resx "Workbench.Rule.{Key}").
/// </summary>
public static class RankingRefusals
{
    public static RuleText EffectiveFrom => Reporting.ReportRefusals.EffectiveFrom;

    public static RuleText IndicatorRequired { get; } = new("RankingIndicatorRequired", "At least one indicator is required.");

    /// <summary><paramref name="known"/> lists the indicator keys, comma-separated.</summary>
    public static RuleText UnknownIndicator(string? indicator, string known) =>
        new("RankingUnknownIndicator", "Unknown indicator '{0}'; one of {1}.", indicator, known);

    public static RuleText Weight { get; } = new("RankingWeight", "A weight is 1–100 points.");

    public static RuleText IndicatorTwice { get; } = new("RankingIndicatorTwice", "Each indicator appears once.");

    public static RuleText WeightsSum(int sum) => new("RankingWeightsSum", "The weights are points that sum to 100 (they sum to {0}).", sum);

    public static RuleText RedTop { get; } = new("RankingRedTop", "redList.top is 0–50.");

    public static RuleText BlackBottom { get; } = new("RankingBlackBottom", "blackList.bottom is 0–50.");

    public static RuleText FromThisMonth(string thisMonth) =>
        new("RankingFromThisMonth", "Rules take effect from this month ({0}) or later: past months keep the rules they were ranked by.", thisMonth);

    public static RuleText FromLatestVersion(string latest) => Reporting.ReportRefusals.FromLatestVersion(latest);

    public static RuleText Month => Reporting.ReportRefusals.Month;

    public static RuleText CountyRequired(string city) =>
        new("RankingCountyRequired", "Towns are ranked within a county of city {0}: give county=<code>.", city);
}
