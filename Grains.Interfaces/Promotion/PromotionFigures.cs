using System.Collections.Immutable;

namespace Liandong.Promotion;

/// <summary>
/// One year of a lead's (or a division's) pipeline, month by month: how many leads reached each stage in
/// each month (<see cref="Counts"/>, stage × 12 + month − 1, stages in <see cref="LeadStage"/> order, contact
/// meaning "received"), the amounts signed and the funds that arrived (万元).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionYear")]
public sealed record PromotionYear(
    [property: Id(0)] ImmutableArray<int> Counts,
    [property: Id(1)] ImmutableArray<decimal> Signed,
    [property: Id(2)] ImmutableArray<decimal> Funds)
{
    public const int Stages = 7;

    public static PromotionYear Empty { get; } = new(ImmutableArray.Create(new int[Stages * 12]),
        ImmutableArray.Create(new decimal[12]), ImmutableArray.Create(new decimal[12]));

    public int CountUpTo(LeadStage stage, int month)
    {
        var sum = 0;
        for (var m = 0; m < month; m++)
        {
            sum += Counts[(int)stage * 12 + m];
        }

        return sum;
    }

    public static decimal SumUpTo(ImmutableArray<decimal> monthly, int month)
    {
        var sum = 0m;
        for (var m = 0; m < month; m++)
        {
            sum += monthly[m];
        }

        return sum;
    }

    public bool IsZero => Counts.All(c => c == 0) && Signed.All(s => s == 0m) && Funds.All(f => f == 0m);

    public PromotionYear Combine(PromotionYear other, int sign)
    {
        var counts = new int[Stages * 12];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Counts[i] + sign * other.Counts[i];
        }

        var signed = new decimal[12];
        var funds = new decimal[12];
        for (var m = 0; m < 12; m++)
        {
            signed[m] = Signed[m] + sign * other.Signed[m];
            funds[m] = Funds[m] + sign * other.Funds[m];
        }

        return new PromotionYear(ImmutableArray.Create(counts), ImmutableArray.Create(signed), ImmutableArray.Create(funds));
    }
}

/// <summary>
/// The investment-promotion figures that roll up with a division's other figures: the pipeline by year and
/// month, and two counts of now: leads past a deadline (<see cref="Overdue"/>) and signed leads not started
/// within the city's limit (<see cref="Stalled"/>, a warning).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionFigures")]
public sealed record PromotionFigures(
    [property: Id(0)] ImmutableDictionary<int, PromotionYear> Years,
    [property: Id(1)] int Overdue,
    [property: Id(2)] int Stalled)
{
    /// <summary>For the serializer, so that rows stored before these figures existed read as empty.</summary>
    public PromotionFigures() : this(ImmutableDictionary<int, PromotionYear>.Empty, 0, 0)
    {
    }

    public static PromotionFigures Empty { get; } = new();

    public PromotionYear Year(int year) => Years.TryGetValue(year, out var y) ? y : PromotionYear.Empty;

    public bool IsEmpty => Years.IsEmpty && Overdue == 0 && Stalled == 0;

    public PromotionFigures Combine(PromotionFigures other, int sign)
    {
        if (other.IsEmpty)
        {
            return this;
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

        return new PromotionFigures(years.ToImmutable(), Overdue + sign * other.Overdue, Stalled + sign * other.Stalled);
    }

    /// <summary>Adds one lead reaching <paramref name="stage"/> on <paramref name="date"/>, with the amounts of that event.</summary>
    public PromotionFigures WithEvent(LeadStage stage, DateOnly date, decimal signed = 0m, decimal funds = 0m)
    {
        var y = Year(date.Year);
        var counts = y.Counts.ToBuilder();
        counts[(int)stage * 12 + date.Month - 1] += 1;
        var s = y.Signed.ToBuilder();
        s[date.Month - 1] += signed;
        var f = y.Funds.ToBuilder();
        f[date.Month - 1] += funds;
        return this with { Years = Years.SetItem(date.Year, new PromotionYear(counts.MoveToImmutable(), s.MoveToImmutable(), f.MoveToImmutable())) };
    }
}

/// <summary>
/// The <c>promotion</c> block of a division's totals for the period 1–M月 of a year: leads received and leads
/// that reached each stage in that period, the amount signed and the funds arrived in it; overdue and
/// stalled are counted as of now. Rates are null when their base is 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.PromotionTotals")]
public sealed record PromotionTotals(
    [property: Id(0)] int Leads,
    [property: Id(1)] int Negotiating,
    [property: Id(2)] int Signed,
    [property: Id(3)] decimal SignedAmount,
    [property: Id(4)] int Registered,
    [property: Id(5)] int Started,
    [property: Id(6)] int Producing,
    [property: Id(7)] int Dropped,
    [property: Id(8)] decimal FundsArrived,
    [property: Id(9)] int Overdue,
    [property: Id(10)] int Stalled,
    [property: Id(11)] decimal? SigningRate,
    [property: Id(12)] decimal? StartRate,
    [property: Id(13)] decimal? ProductionRate,
    [property: Id(14)] decimal? FundsArrivalRate)
{
    public static PromotionTotals Empty { get; } = From(PromotionFigures.Empty, 2000, 12);

    /// <summary>
    /// 签约率 = signed / leads received; 开工率 = started / signed; 投产率 = producing / started;
    /// 资金到位率 = funds arrived / amount signed — all within the period, rounded to four places.
    /// </summary>
    public static PromotionTotals From(PromotionFigures figures, int year, int month)
    {
        var y = figures.Year(year);
        int C(LeadStage s) => y.CountUpTo(s, month);
        var leads = C(LeadStage.Contact);
        var signed = C(LeadStage.Signed);
        var started = C(LeadStage.Started);
        var producing = C(LeadStage.Producing);
        var signedAmount = PromotionYear.SumUpTo(y.Signed, month);
        var funds = PromotionYear.SumUpTo(y.Funds, month);
        return new PromotionTotals(leads, C(LeadStage.Negotiating), signed, signedAmount, C(LeadStage.Registered), started, producing,
            C(LeadStage.Dropped), funds, figures.Overdue, figures.Stalled,
            Rate(signed, leads), Rate(started, signed), Rate(producing, started), Rate(funds, signedAmount));
    }

    private static decimal? Rate(decimal part, decimal whole) => whole == 0m ? null : Math.Round(part / whole, 4);
}
