using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>
/// How a city judges its projects (亮灯规则). The default is the common time-elapsed scheme (序时进度):
/// by month N a project should have completed N/12 of its annual plan.
/// </summary>
public sealed record LightRule(
    decimal YellowBelow,
    decimal RedBelow,
    int NotStartedMonths,
    int SilentMonths,
    bool OverdueFactorNeedIsRed = true)
{
    /// <summary>Yellow below 80% of schedule, red below 60%; red when a new start has not started three months after
    /// its planned start, when a project has sent no report for two months, or when a factor need it waits for is
    /// past its due date and still not met at the end of the month.</summary>
    public static LightRule Default { get; } = new(0.8m, 0.6m, 3, 2);

    /// <summary>The judging parameters of one version of a city's rule.</summary>
    public static LightRule From(CityLightRule rule) =>
        new(rule.YellowBelow, rule.RedBelow, rule.NewStartGraceMonths, rule.MissingReportMonths);

    /// <summary>
    /// Which rule judges which month under a city's rule book: each month by the version in force for it, so a
    /// change judges only the months from its effective month on.
    /// </summary>
    public static Func<int, int, LightRule> ByMonth(LightRuleBook? book)
    {
        if (book is null || book.Versions.IsDefaultOrEmpty)
        {
            return static (_, _) => Default;
        }

        var judged = book.Versions.Select(v => (v.EffectiveFrom.Index, Rule: From(v))).ToArray();
        return (year, month) =>
        {
            var index = WarningLights.MonthIndex(year, month);
            var rule = Default;
            foreach (var (from, r) in judged)
            {
                if (from <= index)
                {
                    rule = r;
                }
            }

            return rule;
        };
    }
}

/// <summary>Judges a project's warning light (亮灯) at the end of a month.</summary>
public static class WarningLights
{
    public static Light Judge(ProjectProfile profile, IReadOnlyDictionary<int, decimal> monthlyByIndex, int year, int month, LightRule rule,
        IReadOnlyCollection<FactorNeed>? factorNeeds = null)
    {
        // A factor need (land, power, approval …) past its due date and not met by the end of the month holds the
        // project up whatever its stage, so it is judged even before the planned start.
        if (rule.OverdueFactorNeedIsRed && factorNeeds is { Count: > 0 })
        {
            var endOfMonth = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            if (factorNeeds.Any(n => n.WasOverdueAtEndOf(endOfMonth)))
            {
                return Light.Red;
            }
        }

        var at = MonthIndex(year, month);
        var start = profile.StartDate is { } s ? MonthIndex(s.Year, s.Month) : (int?)null;

        // Months before the project is due to start are not judged.
        if (start is { } begun && at < begun)
        {
            return Light.Green;
        }

        if (profile.Stage == ProjectStage.NewStart && start is { } planned && at >= planned + rule.NotStartedMonths &&
            !monthlyByIndex.Any(r => r.Key <= at && r.Value > 0m))
        {
            return Light.Red;
        }

        // A new start that has never reported is judged by the rule above, not for silence.
        var expectedToReport = profile.Stage == ProjectStage.Continuing ||
            (profile.Stage == ProjectStage.NewStart && monthlyByIndex.Keys.Any(k => k <= at));
        if (expectedToReport && start is { } since &&
            at - rule.SilentMonths + 1 >= since && IsSilent(monthlyByIndex, at, rule.SilentMonths))
        {
            return Light.Red;
        }

        var plan = profile.PlanFor(year);
        if (plan <= 0m || profile.Stage == ProjectStage.Reserve)
        {
            return Light.Green;
        }

        var ytd = 0m;
        for (var m = 1; m <= month; m++)
        {
            ytd = SafeMath.Add(ytd, monthlyByIndex.GetValueOrDefault(MonthIndex(year, m)));
        }

        // Amounts are bounded (InputLimits.MaxAmount); figures stored before the bound may not be, and a
        // judgement of them must not throw.
        decimal ratio;
        try
        {
            ratio = ytd / (plan * month / 12m);
        }
        catch (OverflowException)
        {
            ratio = SafeMath.Ratio(ytd, plan / 12m * month, 6) ?? 1m;
        }

        return ratio < rule.RedBelow ? Light.Red : ratio < rule.YellowBelow ? Light.Yellow : Light.Green;
    }

    public static int MonthIndex(int year, int month) => year * 12 + month - 1;

    private static bool IsSilent(IReadOnlyDictionary<int, decimal> monthlyByIndex, int at, int months)
    {
        for (var i = 0; i < months; i++)
        {
            if (monthlyByIndex.ContainsKey(at - i))
            {
                return false;
            }
        }

        return true;
    }
}
