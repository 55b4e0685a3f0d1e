using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Ranking;

/// <summary>What a unit brings to a month's ranking: its roll-up totals for 1–M月 (divisions) and its matter counts.</summary>
public sealed record UnitFigures(string Code, string Name, int Month, Totals? Totals, MatterCounts Matters)
{
    /// <summary>
    /// Whether the unit met its target: a county or town at or above the time-elapsed schedule (序时进度, M/12 of its
    /// annual plan); a department with nothing overdue.
    /// </summary>
    public bool TargetMet => Totals is { } t
        ? t.CompletionRate is { } c && c >= Math.Round(Month / 12m, 4)
        : Matters.Overdue == 0;
}

/// <summary>Matters of a unit whose due date fell in the period (the year up to the end of the month).</summary>
public sealed record MatterCounts(int Due, int ResolvedOnTime, int AnsweredOnTime, int Overdue, int Answered, decimal AnswerDaysTotal)
{
    public static MatterCounts None { get; } = new(0, 0, 0, 0, 0, 0m);
}

/// <summary>An indicator of the ranking: how its value is read from a unit's figures, and which way is better.</summary>
public sealed record Indicator(string Id, bool LowerIsBetter, Func<UnitFigures, decimal?> Value);

/// <summary>
/// Every ranking indicator, in one place (API.md "Ranking"): adding one is one entry here. Division indicators rank
/// counties and towns under the city's rules; department indicators rank departments on answering matters.
/// </summary>
public static class Indicators
{
    /// <summary>The indicators a city may weigh in its rules for counties and towns.</summary>
    public static ImmutableDictionary<string, Indicator> ForDivisions { get; } = new Indicator[]
    {
        // Year to date over the annual plan.
        new("completionRate", false, u => u.Totals?.CompletionRate),

        // Completion minus the time-elapsed schedule M/12, in percentage points: above zero is ahead.
        new("scheduleGap", false, u => u.Totals?.CompletionRate is { } c ? Math.Round((c - u.Month / 12m) * 100m, 2) : null),

        // Year to date against the same months of last year.
        new("growthRate", false, u => u.Totals?.GrowthRate),

        // New starts that have begun over those planned for the year; none planned: no value.
        new("newStartRate", false, u => u.Totals?.NewStarts is { Planned: > 0 } n ? Math.Round((decimal)n.Begun / n.Planned, 4) : null),

        // Red lights among the judged projects: lower is better.
        new("redLightShare", true, u => u.Totals?.Lights is { } l && l.Green + l.Yellow + l.Red > 0
            ? Math.Round((decimal)l.Red / (l.Green + l.Yellow + l.Red), 4) : null),

        // Matters due in the period resolved by their due date; none due: nothing was late.
        new("mattersOnTime", false, u => u.Matters.Due == 0 ? 1m : Math.Round((decimal)u.Matters.ResolvedOnTime / u.Matters.Due, 4)),

        // Investment promotion (招商引资), 1–M月: the amount the unit's leads signed, in 万元.
        new("signedAmount", false, u => u.Totals?.Promotion.SignedAmount),

        // Leads that started over those signed in the period; none signed: no value.
        new("startRate", false, u => u.Totals?.Promotion.StartRate),

        // Projects the unit has in the city, provincial and national key lists (盘子), each inclusion counted.
        new("listInclusions", false, u => u.Totals?.Lists is { } l ? l.City + l.Provincial + l.National : null),
    }.ToImmutableDictionary(i => i.Id);

    /// <summary>The indicators departments are ranked by, with their fixed weights.</summary>
    public static ImmutableDictionary<string, Indicator> ForDepartments { get; } = new Indicator[]
    {
        // Assignments due in the period answered by their due date.
        new("answeredOnTime", false, u => u.Matters.Due == 0 ? null : Math.Round((decimal)u.Matters.AnsweredOnTime / u.Matters.Due, 4)),

        // Assignments due in the period not answered by their due date: lower is better.
        new("overdueMatters", true, u => u.Matters.Due == 0 ? null : u.Matters.Overdue),

        // Mean days from a matter being raised to the department's first answer: lower is better.
        new("averageAnswerDays", true, u => u.Matters.Answered == 0 ? null : Math.Round(u.Matters.AnswerDaysTotal / u.Matters.Answered, 1)),
    }.ToImmutableDictionary(i => i.Id);

    /// <summary>How departments are weighed: answering on time counts most.</summary>
    public static ImmutableArray<IndicatorWeight> DepartmentWeights { get; } =
        [new("answeredOnTime", 60), new("overdueMatters", 20), new("averageAnswerDays", 20)];

    /// <summary>
    /// The rules in force when a city has set none: completion and schedule first, as the provincial and city
    /// briefings lead with them, then growth, new starts, red lights and matters; three on each list.
    /// </summary>
    public static RankingRules DefaultRules { get; } = new(new YearMonth(2000, 1),
        [
            new("completionRate", 30), new("scheduleGap", 20), new("growthRate", 20),
            new("newStartRate", 10), new("redLightShare", 10), new("mattersOnTime", 10),
        ],
        RedTop: 3, BlackBottom: 3, ExemptIfTargetMet: true);

    /// <summary>The field problems of rules a city sends, none when they are valid.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(RankingRules rules) =>
        Rules(rules).Select(p => (p.Field, p.Message.Text));

    /// <summary>The field problems of rules a city sends with their keyed messages (a portal form shows them in its language).</summary>
    public static IEnumerable<(string Field, RuleText Message)> Rules(RankingRules rules)
    {
        if (rules.EffectiveFrom.Month is < 1 or > 12 || rules.EffectiveFrom.Year is < 2000 or > 2100)
        {
            yield return ("effectiveFrom", RankingRefusals.EffectiveFrom);
        }

        var indicators = rules.Indicators.IsDefault ? [] : rules.Indicators;
        if (indicators.Length == 0)
        {
            yield return ("indicators", RankingRefusals.IndicatorRequired);
        }

        for (var i = 0; i < indicators.Length; i++)
        {
            if (!ForDivisions.ContainsKey(indicators[i].Indicator ?? ""))
            {
                yield return ($"indicators[{i}].indicator",
                    RankingRefusals.UnknownIndicator(indicators[i].Indicator, string.Join(", ", ForDivisions.Keys.Order(StringComparer.Ordinal))));
            }

            if (indicators[i].Weight is <= 0 or > 100)
            {
                yield return ($"indicators[{i}].weight", RankingRefusals.Weight);
            }
        }

        if (indicators.Select(i => i.Indicator).Distinct().Count() != indicators.Length)
        {
            yield return ("indicators", RankingRefusals.IndicatorTwice);
        }

        if (indicators.Length > 0 && indicators.Sum(i => i.Weight) != 100)
        {
            yield return ("indicators", RankingRefusals.WeightsSum(indicators.Sum(i => i.Weight)));
        }

        if (rules.RedTop is < 0 or > 50)
        {
            yield return ("redList.top", RankingRefusals.RedTop);
        }

        if (rules.BlackBottom is < 0 or > 50)
        {
            yield return ("blackList.bottom", RankingRefusals.BlackBottom);
        }
    }
}
