using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>Turns a project's profile and reports into the figures that roll up to its town.</summary>
public static class ProjectFigures
{
    /// <summary>
    /// The project's figures: reports and lights by month, and, when given, the sum of its financing requests
    /// and its open factor needs (which also take part in the lights).
    /// </summary>
    public static Figures Compute(ProjectProfile profile, IEnumerable<MonthlyReport> reports, LightRule rule,
        IReadOnlyCollection<FactorNeed>? factorNeeds = null, IEnumerable<FinancingRow>? financing = null) =>
        Compute(profile, reports, (_, _) => rule, factorNeeds, financing);

    /// <summary>As above, each month judged by the rule <paramref name="ruleFor"/> gives for it (the city's rule in force then).</summary>
    public static Figures Compute(ProjectProfile profile, IEnumerable<MonthlyReport> reports, Func<int, int, LightRule> ruleFor,
        IReadOnlyCollection<FactorNeed>? factorNeeds = null, IEnumerable<FinancingRow>? financing = null)
    {
        var monthly = reports.ToDictionary(r => WarningLights.MonthIndex(r.Year, r.Month), r => r.Figures.InvestmentCompleted);
        var years = profile.AnnualPlans.Select(p => p.Year)
            .Concat(monthly.Keys.Select(i => i / 12))
            .Distinct();

        var builder = ImmutableDictionary.CreateBuilder<int, YearFigures>();
        foreach (var year in years)
        {
            var amounts = new decimal[12];
            var counts = new int[12];
            var green = new int[12];
            var yellow = new int[12];
            var red = new int[12];
            for (var m = 1; m <= 12; m++)
            {
                if (monthly.TryGetValue(WarningLights.MonthIndex(year, m), out var amount))
                {
                    amounts[m - 1] = amount;
                    counts[m - 1] = 1;
                }

                switch (WarningLights.Judge(profile, monthly, year, m, ruleFor(year, m), factorNeeds))
                {
                    case Light.Red: red[m - 1] = 1; break;
                    case Light.Yellow: yellow[m - 1] = 1; break;
                    default: green[m - 1] = 1; break;
                }
            }

            builder[year] = new YearFigures(profile.PlanFor(year), ImmutableArray.Create(amounts), ImmutableArray.Create(counts),
                ImmutableArray.Create(green), ImmutableArray.Create(yellow), ImmutableArray.Create(red)) with
            {
                NewStartsPlanned = NewStartsPlanned(profile, year),
                NewStartsBegun = NewStartsBegun(profile, monthly, year),
            };
        }

        var stages = new int[6];
        stages[(int)profile.Stage] = 1;
        return new Figures(1, profile.TotalInvestment, ImmutableArray.Create(stages), builder.ToImmutable())
        {
            Finance = financing?.Aggregate(FinanceFigures.Empty, (sum, row) => sum.Combine(row.Figures, 1)) ?? FinanceFigures.Empty,
            Factors = factorNeeds is null ? FactorCounts.Empty : FactorCounts.Of(factorNeeds),
        };
    }

    /// <summary>A project in the new-start list with a plan for the year counts as a planned new start every month of it.</summary>
    private static ImmutableArray<int> NewStartsPlanned(ProjectProfile profile, int year) =>
        ImmutableArray.Create(Enumerable.Repeat(IsPlannedNewStart(profile, year) ? 1 : 0, 12).ToArray());

    /// <summary>A planned new start has begun by a month once it has reported investment in that month or before.</summary>
    private static ImmutableArray<int> NewStartsBegun(ProjectProfile profile, IReadOnlyDictionary<int, decimal> monthly, int year)
    {
        var begun = new int[12];
        if (IsPlannedNewStart(profile, year))
        {
            var first = monthly.Where(r => r.Value > 0m).Select(r => r.Key).DefaultIfEmpty(int.MaxValue).Min();
            for (var m = 1; m <= 12; m++)
            {
                begun[m - 1] = first <= WarningLights.MonthIndex(year, m) ? 1 : 0;
            }
        }

        return ImmutableArray.Create(begun);
    }

    private static bool IsPlannedNewStart(ProjectProfile profile, int year) =>
        profile.Stage == ProjectStage.NewStart && profile.PlanFor(year) > 0m;

    /// <summary>The light a single project's figures show for a period, or null when it has no figures that year.</summary>
    public static Light? LightOf(Figures figures, int year, int month)
    {
        if (!figures.Years.TryGetValue(year, out var y))
        {
            return null;
        }

        return y.Red[month - 1] > 0 ? Light.Red : y.Yellow[month - 1] > 0 ? Light.Yellow : y.Green[month - 1] > 0 ? Light.Green : null;
    }
}
