using System.Collections.Immutable;
using Liandong.Finance;

namespace Liandong.Reporting;

/// <summary>
/// One year's figures of a project or of everything below a division: twelve monthly amounts (万元),
/// how many reports each month holds, and the warning lights judged at the end of each month.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.YearFigures")]
public sealed record YearFigures(
    [property: Id(0)] decimal AnnualPlan,
    [property: Id(1)] ImmutableArray<decimal> Monthly,
    [property: Id(2)] ImmutableArray<int> Reports,
    [property: Id(3)] ImmutableArray<int> Green,
    [property: Id(4)] ImmutableArray<int> Yellow,
    [property: Id(5)] ImmutableArray<int> Red)
{
    private static readonly ImmutableArray<int> ZeroCounts = ImmutableArray.Create(new int[12]);

    /// <summary>Lets Orleans' serializer start from zeros, so rows stored before the new-start counts read back with none.</summary>
    public YearFigures() : this(0m, ImmutableArray.Create(new decimal[12]), ZeroCounts, ZeroCounts, ZeroCounts, ZeroCounts)
    {
    }

    public static YearFigures Empty { get; } = new();

    /// <summary>Projects in the new-start list (新开工) that year, by month: the base of the new-start rate.</summary>
    [Id(31)]
    public ImmutableArray<int> NewStartsPlanned { get; init; } = ZeroCounts;

    /// <summary>Of those, how many had begun (reported investment) by the end of each month.</summary>
    [Id(32)]
    public ImmutableArray<int> NewStartsBegun { get; init; } = ZeroCounts;

    /// <summary>Year to date: months 1..<paramref name="month"/> added up.</summary>
    public decimal YearToDate(int month)
    {
        var sum = 0m;
        for (var i = 0; i < month; i++)
        {
            sum = SafeMath.Add(sum, Monthly[i]);
        }

        return sum;
    }

    public bool HasReportsUpTo(int month)
    {
        for (var i = 0; i < month; i++)
        {
            if (Reports[i] > 0)
            {
                return true;
            }
        }

        return false;
    }

    public YearFigures Combine(YearFigures other, int sign) => new(
        SafeMath.Add(AnnualPlan, other.AnnualPlan, sign),
        Zip(Monthly, other.Monthly, sign),
        Zip(Reports, other.Reports, sign),
        Zip(Green, other.Green, sign),
        Zip(Yellow, other.Yellow, sign),
        Zip(Red, other.Red, sign))
    {
        NewStartsPlanned = Zip(NewStartsPlanned, other.NewStartsPlanned, sign),
        NewStartsBegun = Zip(NewStartsBegun, other.NewStartsBegun, sign),
    };

    public bool IsZero =>
        AnnualPlan == 0m && Monthly.All(m => m == 0m) && Reports.All(r => r == 0) &&
        Green.All(g => g == 0) && Yellow.All(y => y == 0) && Red.All(r => r == 0) &&
        OrZeros(NewStartsPlanned).All(n => n == 0) && OrZeros(NewStartsBegun).All(n => n == 0);

    private static ImmutableArray<int> OrZeros(ImmutableArray<int> counts) => counts.IsDefault ? ZeroCounts : counts;

    private static ImmutableArray<decimal> Zip(ImmutableArray<decimal> a, ImmutableArray<decimal> b, int sign)
    {
        var result = new decimal[12];
        for (var i = 0; i < 12; i++)
        {
            result[i] = SafeMath.Add(a[i], b[i], sign);
        }

        return ImmutableArray.Create(result);
    }

    private static ImmutableArray<int> Zip(ImmutableArray<int> a, ImmutableArray<int> b, int sign)
    {
        a = OrZeros(a);
        b = OrZeros(b);
        var result = new int[12];
        for (var i = 0; i < 12; i++)
        {
            result[i] = SafeMath.Add(a[i], b[i], sign);
        }

        return ImmutableArray.Create(result);
    }
}

/// <summary>
/// The figures that roll up: a project's own, or the sum of everything below a town, county or city.
/// The same shape at every level, so that a parent's figures are simply the sum of its children's.
/// </summary>
/// <remarks>
/// <see cref="Finance"/> and <see cref="Factors"/> came later than the four positional figures; the
/// parameterless constructor lets Orleans' serializer start from <see cref="Empty"/>, so rows stored before
/// them read back with zero financing and no factor needs instead of nulls.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Liandong.Figures")]
public sealed record Figures(
    [property: Id(0)] int ProjectCount,
    [property: Id(1)] decimal TotalInvestment,
    [property: Id(2)] ImmutableArray<int> ByStage,
    [property: Id(3)] ImmutableDictionary<int, YearFigures> Years)
{
    public Figures() : this(0, 0m, ImmutableArray.Create(new int[6]), ImmutableDictionary<int, YearFigures>.Empty)
    {
    }

    public static Figures Empty { get; } = new();

    /// <summary>Financing requested, offered, accepted and disbursed, and how many requests (政银企).</summary>
    [Id(4)]
    public FinanceFigures Finance { get; init; } = FinanceFigures.Empty;

    /// <summary>Open factor needs counted by kind and by responsible department (要素供给).</summary>
    [Id(5)]
    public FactorCounts Factors { get; init; } = FactorCounts.Empty;

    /// <summary>Investment-promotion pipeline (招商引资): leads of the county, or the converted lead of a project.</summary>
    [Id(6)]
    public Liandong.Promotion.PromotionFigures Promotion { get; init; } = Liandong.Promotion.PromotionFigures.Empty;

    /// <summary>Applications included in the city, provincial and national key lists (盘子).</summary>
    [Id(7)]
    public Liandong.Promotion.ListCounts Lists { get; init; } = Liandong.Promotion.ListCounts.Empty;

    public Figures Add(Figures other) => Combine(other, 1);

    public Figures Subtract(Figures other) => Combine(other, -1);

    public YearFigures Year(int year) => Years.TryGetValue(year, out var figures) ? figures : YearFigures.Empty;

    /// <summary>The latest (year, month) with at least one report, if any.</summary>
    public (int Year, int Month)? LatestReportedPeriod()
    {
        foreach (var year in Years.Keys.OrderDescending())
        {
            var reports = Years[year].Reports;
            for (var m = 11; m >= 0; m--)
            {
                if (reports[m] > 0)
                {
                    return (year, m + 1);
                }
            }
        }

        return null;
    }

    private Figures Combine(Figures other, int sign)
    {
        var stages = new int[6];
        for (var i = 0; i < 6; i++)
        {
            stages[i] = SafeMath.Add(ByStage[i], other.ByStage[i], sign);
        }

        var years = Years.ToBuilder();
        foreach (var (year, figures) in other.Years)
        {
            var combined = Year(year).Combine(figures, sign);
            if (combined.IsZero)
            {
                years.Remove(year);
            }
            else
            {
                years[year] = combined;
            }
        }

        return new Figures(SafeMath.Add(ProjectCount, other.ProjectCount, sign), SafeMath.Add(TotalInvestment, other.TotalInvestment, sign),
            ImmutableArray.Create(stages), years.ToImmutable())
        {
            Finance = Finance.Combine(other.Finance, sign),
            Factors = Factors.Combine(other.Factors, sign),
            Promotion = Promotion.Combine(other.Promotion, sign),
            Lists = Lists.Combine(other.Lists, sign),
        };
    }
}
