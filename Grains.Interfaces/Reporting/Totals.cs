namespace Liandong.Reporting;

/// <summary>Projects counted by stage.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.StageCounts")]
public sealed record StageCounts(
    [property: Id(0)] int Reserve,
    [property: Id(1)] int Preparation,
    [property: Id(2)] int NewStart,
    [property: Id(3)] int Continuing,
    [property: Id(4)] int Completed,
    [property: Id(5)] int Operating);

/// <summary>Projects counted by warning light.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LightCounts")]
public sealed record LightCounts(
    [property: Id(0)] int Green,
    [property: Id(1)] int Yellow,
    [property: Id(2)] int Red);

/// <summary>The totals of a division (or a project) for the period 1–<see cref="Month"/>月 of <see cref="Year"/>.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Totals")]
public sealed record Totals(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month,
    [property: Id(2)] int ProjectCount,
    [property: Id(3)] decimal TotalInvestment,
    [property: Id(4)] decimal AnnualPlan,
    [property: Id(5)] decimal CompletedYtd,
    [property: Id(6)] decimal? CompletionRate,
    [property: Id(7)] decimal? LastYearSamePeriod,
    [property: Id(8)] decimal? GrowthRate,
    [property: Id(9)] StageCounts ByStage,
    [property: Id(10)] LightCounts Lights)
{
    /// <summary>The investment-promotion block (招商引资) for the same period.</summary>
    [Id(11)]
    public Liandong.Promotion.PromotionTotals Promotion { get; init; } = Liandong.Promotion.PromotionTotals.Empty;

    /// <summary>Projects included in each key list (盘子), now (not period-bound).</summary>
    [Id(12)]
    public Liandong.Promotion.ListCounts Lists { get; init; } = Liandong.Promotion.ListCounts.Empty;

    /// <summary>Projects in the new-start list (新开工) that year and how many had begun by the end of the period.</summary>
    [Id(31)]
    public NewStartCounts NewStarts { get; init; } = NewStartCounts.None;

    /// <summary>Reads the totals for a period out of rolled-up figures.</summary>
    public static Totals From(Figures figures, int year, int month)
    {
        var current = figures.Year(year);
        var previous = figures.Year(year - 1);
        var ytd = current.YearToDate(month);
        decimal? lastYear = previous.HasReportsUpTo(month) ? previous.YearToDate(month) : null;
        decimal? completion = SafeMath.Ratio(ytd, current.AnnualPlan, 4);
        decimal? growth = lastYear is null or 0m ? null : SafeMath.Ratio(ytd, lastYear.Value, 4) is { } ratio ? SafeMath.Add(ratio, -1m) : null;
        var s = figures.ByStage;
        return new Totals(year, month, figures.ProjectCount, figures.TotalInvestment, current.AnnualPlan, ytd,
            completion, lastYear, growth,
            new StageCounts(s[0], s[1], s[2], s[3], s[4], s[5]),
            new LightCounts(current.Green[month - 1], current.Yellow[month - 1], current.Red[month - 1]))
        {
            Promotion = Liandong.Promotion.PromotionTotals.From(figures.Promotion, year, month),
            Lists = figures.Lists,
            NewStarts = new NewStartCounts(
                current.NewStartsPlanned.IsDefault ? 0 : current.NewStartsPlanned[month - 1],
                current.NewStartsBegun.IsDefault ? 0 : current.NewStartsBegun[month - 1]),
        };
    }
}

/// <summary>New starts (新开工) planned for the year and begun by the end of the period.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.NewStartCounts")]
public sealed record NewStartCounts([property: Id(0)] int Planned, [property: Id(1)] int Begun)
{
    public static NewStartCounts None { get; } = new(0, 0);
}

/// <summary>A period the caller asked for; null fields mean "the latest month that has reports".</summary>
[GenerateSerializer, Immutable, Alias("Liandong.PeriodQuery")]
public sealed record PeriodQuery([property: Id(0)] int? Year, [property: Id(1)] int? Month)
{
    public static PeriodQuery Latest { get; } = new(null, null);

    /// <summary>Resolves the period against figures, falling back to <paramref name="today"/>'s year when nothing is reported.</summary>
    public (int Year, int Month) Resolve(Figures figures, DateOnly today)
    {
        if (Year is { } y && Month is { } m)
        {
            return (y, m);
        }

        if (Year is { } onlyYear)
        {
            var latestInYear = 0;
            var reports = figures.Year(onlyYear).Reports;
            for (var i = 0; i < 12; i++)
            {
                if (reports[i] > 0)
                {
                    latestInYear = i + 1;
                }
            }

            return (onlyYear, latestInYear == 0 ? 12 : latestInYear);
        }

        return figures.LatestReportedPeriod() ?? (today.Year, today.Month);
    }
}
