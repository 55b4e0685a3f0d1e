using System.Text.RegularExpressions;
using Liandong.Tenders;
using static Liandong.Grains.Integrity.Evidence;
using C = Liandong.Tenders.IndicatorCatalog;

namespace Liandong.Grains.Integrity;

/// <summary>
/// The checks of Chinese tendering law (the CN-* indicators). Periods are counted as the Civil Code
/// (民法典 Art. 201) counts them: the first day is not counted, so documents issued on 1 June with a
/// deadline of 21 June give 20 days. Documents on sale are counted as days on sale, both ends included.
/// </summary>
public static partial class StatutoryChecks
{
    public static void Run(EvaluationContext c)
    {
        Window(c);
        Bidders(c);
        Docs(c);
        Bond(c);
        PerfBond(c);
        Contract(c);
        MustTender(c);
        Split(c);
        Related(c);
        SerialWinner(c);
    }

    /// <summary>Bid documents issued to the bid deadline: at least the minimum (the first day not counted).</summary>
    public static void Window(EvaluationContext c) =>
        DaySpan(c, C.Window, r => r.Data.IsTendered, ("documentsFrom", r => r.Data.DocumentsFrom), ("bidDeadline", r => r.Data.BidDeadline),
            bothEnds: false, c.Settings.MinBidWindowDays, isMinimum: true);

    public static void Bidders(EvaluationContext c)
    {
        var tally = new CoverageTally(C.Bidders) { Note = "Applies to open and invited tenders once bids were opened or an award was made." };
        foreach (var r in c.Records.Where(r => r.Data.IsTendered && (r.Data.Bidders.Length > 0 || r.Data.HasAward)))
        {
            tally.Applies();
            if (r.Data.Bidders.Length == 0)
            {
                tally.Miss("bidders");
                continue;
            }

            tally.Evaluate();
            var submitted = r.Data.Bidders.Where(b => b.IsSubmitted).ToList();
            if (submitted.Count < c.Settings.MinBidders)
            {
                tally.Flagged++;
                c.Findings.Add(Process(C.Bidders, r, submitted.Count,
                    [Figure("bidders", submitted.Count), Figure("minimumBidders", c.Settings.MinBidders), Figure("awarded", r.Data.HasAward ? "yes" : "no")],
                    submitted.Select(Label)));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>Days the documents are on sale, both ends included: at least the minimum.</summary>
    public static void Docs(EvaluationContext c) =>
        DaySpan(c, C.Docs, r => r.Data.IsTendered, ("documentsFrom", r => r.Data.DocumentsFrom), ("documentsTo", r => r.Data.DocumentsTo),
            bothEnds: true, c.Settings.MinDocumentDays, isMinimum: true);

    public static void Bond(EvaluationContext c) =>
        PercentCeiling(c, C.Bond, r => r.Data.IsTendered, "bidBondPercent", r => r.Data.BidBondPercent, c.Settings.MaxBidBondPercent);

    public static void PerfBond(EvaluationContext c) =>
        PercentCeiling(c, C.PerfBond, r => r.Data.HasAward, "performanceBondPercent", r => r.Data.PerformanceBondPercent, c.Settings.MaxPerformanceBondPercent);

    /// <summary>A bond (bid or performance) above the share of the price the law allows, over the processes it applies to.</summary>
    private static void PercentCeiling(EvaluationContext c, string check, Func<TenderRecord, bool> applies, string field,
        Func<TenderRecord, decimal?> percentOf, decimal maximum)
    {
        var tally = new CoverageTally(check);
        foreach (var r in c.Records.Where(applies))
        {
            tally.Applies();
            if (percentOf(r) is not { } percent)
            {
                tally.Miss(field);
                continue;
            }

            tally.Evaluate();
            if (percent > maximum)
            {
                tally.Flagged++;
                c.Findings.Add(Process(check, r, (double)percent, [Figure("percent", percent), Figure("maximumPercent", maximum)]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>Award to contract: at most the maximum.</summary>
    public static void Contract(EvaluationContext c) =>
        DaySpan(c, C.Contract, r => r.Data.HasAward, ("awardDate", r => r.Data.AwardDate), ("contractDate", r => r.Data.ContractDate),
            bothEnds: false, c.Settings.MaxContractDays, isMinimum: false);

    /// <summary>
    /// The days between two dates of a process against a statutory minimum or maximum, over the processes it applies
    /// to; a process missing either date counts as not evaluated, naming the field. The figures name the dates by
    /// their fields.
    /// </summary>
    private static void DaySpan(EvaluationContext c, string check, Func<TenderRecord, bool> applies,
        (string Field, Func<TenderRecord, DateOnly?> Of) start, (string Field, Func<TenderRecord, DateOnly?> Of) end,
        bool bothEnds, int limit, bool isMinimum)
    {
        var tally = new CoverageTally(check);
        foreach (var r in c.Records.Where(applies))
        {
            tally.Applies();
            if (start.Of(r) is not { } from)
            {
                tally.Miss(start.Field);
                continue;
            }

            if (end.Of(r) is not { } to)
            {
                tally.Miss(end.Field);
                continue;
            }

            tally.Evaluate();
            var days = to.DayNumber - from.DayNumber + (bothEnds ? 1 : 0);
            if (isMinimum ? days < limit : days > limit)
            {
                tally.Flagged++;
                c.Findings.Add(Process(check, r, days,
                    [Figure("days", days), Figure(isMinimum ? "minimumDays" : "maximumDays", limit), Figure(start.Field, from), Figure(end.Field, to)]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>A state-funded procurement at or above its kind's threshold that was not tendered (以上 includes the figure).</summary>
    public static void MustTender(EvaluationContext c)
    {
        var tally = new CoverageTally(C.MustTender) { Note = "Applies to state-funded procurements not made by open or invited tender." };
        foreach (var r in c.Records.Where(r => !r.Data.IsTendered))
        {
            if (!AppliesToStateFunded(tally, r))
            {
                continue;
            }

            if (r.Data.ContractAmount is not { } amount)
            {
                tally.Miss("awardPriceOrBudget");
                continue;
            }

            tally.Evaluate();
            var threshold = c.Settings.ThresholdFor(r.Data.Kind);
            if (amount >= threshold)
            {
                tally.Flagged++;
                c.Findings.Add(Process(C.MustTender, r, (double)amount,
                    [Figure("amount", amount), Figure("threshold", threshold), Figure("kind", Kind(r.Data.Kind)), Figure("method", Method(r.Data.Method))]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>
    /// One project's state-funded procurements of one kind, each below the threshold, that add up to it while at
    /// least one of them was not tendered: the pattern of splitting a contract to avoid tendering (化整为零).
    /// </summary>
    public static void Split(EvaluationContext c)
    {
        var tally = new CoverageTally(C.Split) { Note = "Sums one project's state-funded procurements of one kind that are each below the threshold." };
        var candidates = new List<TenderRecord>();
        foreach (var r in c.Records)
        {
            if (!AppliesToStateFunded(tally, r))
            {
                continue;
            }

            if (r.Placement.ProjectCode is null)
            {
                tally.Miss("project");
                continue;
            }

            if (r.Data.ContractAmount is null)
            {
                tally.Miss("awardPriceOrBudget");
                continue;
            }

            tally.Evaluate();
            candidates.Add(r);
        }

        foreach (var group in candidates.GroupBy(r => (r.Placement.ProjectCode!, r.Data.Kind)))
        {
            var threshold = c.Settings.ThresholdFor(group.Key.Kind);
            var below = group.Where(r => r.Data.ContractAmount < threshold).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            var sum = below.Sum(r => r.Data.ContractAmount!.Value);
            if (below.Count >= 2 && sum >= threshold && below.Any(r => !r.Data.IsTendered))
            {
                tally.Flagged += below.Count;
                c.Findings.Add(Group(C.Split, FlagLevel.Project, $"{group.Key.Item1}:{Kind(group.Key.Kind)}", below, (double)sum,
                    [Figure("sum", sum), Figure("threshold", threshold), Figure("procurements", below.Count), Figure("untendered", below.Count(r => !r.Data.IsTendered)),
                     Figure("amounts", string.Join(" + ", below.Select(r => Evidence.Figure("", r.Data.ContractAmount).Value))), Figure("kind", Kind(group.Key.Kind))],
                    below.Where(r => r.Data.WinnerId is not null).Select(r => r.Data.Bidders.FirstOrDefault(b => b.Id == r.Data.WinnerId) is { } w ? Label(w) : r.Data.WinnerId!)));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>Bidders of one process sharing a legal representative, contact phone, address or bond account.</summary>
    public static void Related(EvaluationContext c)
    {
        var tally = new CoverageTally(C.Related) { Note = "Applies to processes with two or more bidders." };
        foreach (var r in c.Records.Where(r => r.Data.Bidders.Length >= 2))
        {
            tally.Applies();
            var fields = new (string Name, Func<Bidder, string?> Read)[]
            {
                ("legalRepresentative", b => Normalize(b.LegalRepresentative)),
                ("contactPhone", b => NormalizePhone(b.ContactPhone)),
                ("address", b => Normalize(b.Address)),
                ("bondAccount", b => NormalizePhone(b.BondAccount)),
            };
            if (r.Data.Bidders.All(b => fields.All(f => f.Read(b) is null)))
            {
                tally.Miss("bidderDetails");
                continue;
            }

            tally.Evaluate();
            var figures = new List<EvidenceFigure>();
            var concerned = new List<Bidder>();
            foreach (var (name, read) in fields)
            {
                foreach (var shared in r.Data.Bidders.Where(b => read(b) is not null).GroupBy(read).Where(g => g.Count() >= 2))
                {
                    figures.Add(Figure(name, $"{shared.Key}: {string.Join(", ", shared.Select(b => b.Id))}"));
                    concerned.AddRange(shared);
                }
            }

            if (figures.Count > 0)
            {
                tally.Flagged++;
                c.Findings.Add(Process(C.Related, r, concerned.Select(b => b.Id).Distinct().Count(), figures, concerned.Select(Label)));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>One supplier winning more than the limit of one buyer's processes within any window of the set length.</summary>
    public static void SerialWinner(EvaluationContext c)
    {
        var tally = new CoverageTally(C.SerialWinner);
        var awarded = new List<TenderRecord>();
        foreach (var r in c.Records.Where(r => r.Data.HasAward))
        {
            tally.Applies();
            if (r.Data.AwardDate is null)
            {
                tally.Miss("awardDate");
                continue;
            }

            tally.Evaluate();
            awarded.Add(r);
        }

        foreach (var pair in awarded.GroupBy(r => (Buyer: r.BuyerKey, Winner: r.Data.WinnerId!)))
        {
            var wins = pair.OrderBy(r => r.Data.AwardDate).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            List<TenderRecord> best = [];
            for (int i = 0, j = 0; j < wins.Count; j++)
            {
                while (wins[j].Data.AwardDate!.Value.DayNumber - wins[i].Data.AwardDate!.Value.DayNumber >= c.Settings.SerialWinnerWindowDays)
                {
                    i++;
                }

                if (j - i + 1 > best.Count)
                {
                    best = wins.GetRange(i, j - i + 1);
                }
            }

            if (best.Count > c.Settings.SerialWinnerLimit)
            {
                tally.Flagged += best.Count;
                var winner = best[0].Data.Bidders.FirstOrDefault(b => b.Id == pair.Key.Winner);
                var buyerName = best[0].Data.BuyerName ?? pair.Key.Buyer;
                c.Findings.Add(Group(C.SerialWinner, FlagLevel.Tenderer, pair.Key.Winner, best, best.Count,
                    [Figure("wins", best.Count), Figure("limit", c.Settings.SerialWinnerLimit), Figure("windowDays", c.Settings.SerialWinnerWindowDays),
                     Figure("buyer", buyerName), Figure("from", best[0].Data.AwardDate), Figure("to", best[^1].Data.AwardDate)],
                    [winner is null ? pair.Key.Winner : Label(winner)]) with { Scope = pair.Key.Buyer });
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>
    /// Whether a state-funding check applies to a process, counting it: a state-funded one does; an OCDS release that
    /// does not say it is state-funded counts as applying but missing <c>stateFunded</c>; an entered process that is
    /// not state-funded is outside the check.
    /// </summary>
    private static bool AppliesToStateFunded(CoverageTally tally, TenderRecord r)
    {
        if (!r.Data.StateFunded)
        {
            if (r.Placement.Source == TenderSource.Ocds)
            {
                tally.Applies();
                tally.Miss("stateFunded");
            }

            return false;
        }

        tally.Applies();
        return true;
    }

    private static string Kind(TenderKind k) => k switch { TenderKind.Works => "works", TenderKind.Goods => "goods", _ => "services" };

    private static string Method(TenderMethod m) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(m.ToString());

    private static string? Normalize(string? s) => string.IsNullOrWhiteSpace(s) ? null : Spaces().Replace(s.Trim(), " ");

    /// <summary>Phones and account numbers compare by their digits and letters only ("0759-1234 567" = "07591234567").</summary>
    private static string? NormalizePhone(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var kept = new string(s.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return kept.Length == 0 ? null : kept;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
