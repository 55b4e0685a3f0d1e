using Liandong.Tenders;
using static Liandong.Grains.Integrity.Evidence;

namespace Liandong.Grains.Integrity;

/// <summary>
/// The Open Contracting Partnership's red flags, with the definitions, defaults, fences and minimum samples
/// of its reference implementation (cardinal), written for Liandong's records: a record holds one award,
/// so "a single active award with a single supplier" is "an award with a winner". Dates of bids are
/// compared in China time. docs/integrity.md lists each flag and where Liandong departs from the reference.
/// </summary>
public static class RedFlags
{
    public static void Run(EvaluationContext c)
    {
        R003(c);
        R018(c);
        SecondLowestBid(c);
        R025(c);
        R028(c);
        R030(c);
        R035(c);
        R036(c);
        R038(c);
    }

    /// <summary>R003: an open procedure whose bid period (documents issued to deadline) is shorter than the threshold.</summary>
    public static void R003(EvaluationContext c)
    {
        var tally = new CoverageTally("R003") { Note = "Open procedures only; the bid period runs from documents issued (tenderPeriod.startDate) to the deadline." };
        foreach (var r in c.Records.Where(r => r.Data.Method == TenderMethod.Open))
        {
            tally.Applies();
            if (r.Data.DocumentsFrom is not { } start || r.Data.BidDeadline is not { } end)
            {
                tally.Miss("tenderPeriod");
                continue;
            }

            tally.Evaluate();
            var days = end.DayNumber - start.DayNumber;
            if (days < c.Settings.R003Days)
            {
                tally.Flagged++;
                c.Findings.Add(Process("R003", r, 1.0, [Figure("days", days), Figure("threshold", c.Settings.R003Days)]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>R018: a competitive procedure (open or invited) with exactly one tenderer.</summary>
    public static void R018(EvaluationContext c)
    {
        var tally = new CoverageTally("R018") { Note = "Competitive procedures (open, invited)." };
        foreach (var r in c.Records.Where(r => r.Data.IsTendered))
        {
            tally.Applies();
            if (r.Data.Bidders.Length == 0)
            {
                tally.Miss("bids");
                continue;
            }

            tally.Evaluate();
            var tenderers = r.Data.Bidders.Where(b => b.IsSubmitted).ToList();
            if (tenderers.Count == 1)
            {
                tally.Flagged++;
                c.Findings.Add(Process("R018", r, 1.0, [Figure("tenderers", 1)], tenderers.Select(Label)));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>The (second-lowest valid bid − winning bid) / winning bid of a process, or why there is none.</summary>
    public static (double? Ratio, string? Missing, Bidder? Winner, Bidder? Second) Ratio(TenderRecord r)
    {
        var d = r.Data;
        if (!d.HasAward)
        {
            return (null, "award", null, null);
        }

        if (d.Bidders.Length == 0)
        {
            return (null, "bids", null, null);
        }

        var winner = d.Bidders.FirstOrDefault(b => b.Id == d.WinnerId && b.Status == BidStatus.Valid && b.Price is not null);
        if (winner is null)
        {
            return (null, "winningBidPrice", null, null);
        }

        var second = d.Bidders.Where(b => b.Id != winner.Id && b.Status == BidStatus.Valid && b.Price is not null)
            .OrderBy(b => b.Price).FirstOrDefault();
        if (second is null)
        {
            return (null, "otherValidBid", winner, null);
        }

        // If the lowest bid did not win, the award criterion is not price only, which the ratio assumes.
        if (second.Price < winner.Price)
        {
            return (null, "excluded: winner not lowest", winner, second);
        }

        if (winner.Price == 0m)
        {
            return (null, "winningBidPrice", winner, second);
        }

        return ((double)((second.Price!.Value - winner.Price!.Value) / winner.Price.Value), null, winner, second);
    }

    /// <summary>R024 (low outlier) and R058 (high outlier) of the second-lowest-bid ratio, over one set of ratios.</summary>
    public static void SecondLowestBid(EvaluationContext c)
    {
        var r024 = new CoverageTally("R024");
        var r058 = new CoverageTally("R058");
        var ratios = new List<(TenderRecord Record, double Ratio, Bidder Winner, Bidder Second)>();
        foreach (var r in c.Records)
        {
            r024.Applies();
            r058.Applies();
            var (ratio, missing, winner, second) = Ratio(r);
            if (ratio is null)
            {
                r024.Miss(missing!);
                r058.Miss(missing!);
                continue;
            }

            r024.Evaluate();
            r058.Evaluate();
            ratios.Add((r, ratio.Value, winner!, second!));
        }

        var values = ratios.Select(x => x.Ratio).ToList();
        var lower = Quartiles.LowerFence(values, c.Settings.R024Threshold);
        var upper = Quartiles.UpperFence(values, c.Settings.R058Threshold);
        r024.Fence = lower;
        r058.Fence = upper;
        if (lower is null)
        {
            r024.Note = "No process has a winning bid and another valid bid: no fence.";
        }
        else
        {
            c.Fences["R024"] = lower;
        }

        if (upper is null)
        {
            r058.Note = "No process has a winning bid and another valid bid: no fence.";
        }
        else
        {
            c.Fences["R058"] = upper;
        }

        foreach (var (r, ratio, winner, second) in ratios)
        {
            var figures = new[] { Figure("ratio", ratio), Figure("winningBid", winner.Price), Figure("secondLowestBid", second.Price) };
            if (lower is { Lower: { } l } && ratio <= l)
            {
                r024.Flagged++;
                c.Findings.Add(Process("R024", r, ratio, [.. figures, Figure("lowerFence", l)], [Label(winner), Label(second)], lower));
            }

            if (upper is { Upper: { } u } && ratio >= u)
            {
                r058.Flagged++;
                c.Findings.Add(Process("R058", r, ratio, [.. figures, Figure("upperFence", u)], [Label(winner), Label(second)], upper));
            }
        }

        c.Coverage.Add(r024.ToRow());
        c.Coverage.Add(r058.ToRow());
    }

    /// <summary>
    /// R025: a top tenderer (more valid-bid processes than the 75th percentile) whose share of wins is below
    /// Q1 − 1.5·IQR of all tenderers' shares. Each tenderer counts once per awarded process.
    /// </summary>
    public static void R025(EvaluationContext c)
    {
        var tally = new CoverageTally("R025") { Note = "Counts valid bids in awarded processes, once per tenderer and process." };
        var counts = new Dictionary<string, (int Wins, int Bids, List<TenderRecord> Processes, Bidder Bidder)>(StringComparer.Ordinal);
        foreach (var r in c.Records)
        {
            tally.Applies();
            if (!r.Data.HasAward)
            {
                tally.Miss("award");
                continue;
            }

            if (r.Data.Bidders.Length == 0)
            {
                tally.Miss("bids");
                continue;
            }

            tally.Evaluate();
            foreach (var b in r.Data.Bidders.Where(b => b.Status == BidStatus.Valid))
            {
                var entry = counts.TryGetValue(b.Id, out var e) ? e : (0, 0, [], b);
                entry.Wins += b.Id == r.Data.WinnerId ? 1 : 0;
                entry.Bids += 1;
                entry.Processes.Add(r);
                counts[b.Id] = entry;
            }
        }

        if (counts.Count == 0)
        {
            tally.Note = "No valid bids in awarded processes: no fence.";
            c.Coverage.Add(tally.ToRow());
            return;
        }

        var top = Quartiles.Quantile(counts.Values.Select(v => (double)v.Bids).ToList(), c.Settings.R025Percentile / 100.0);
        var fence = Quartiles.LowerFence(counts.Values.Select(v => (double)v.Wins / v.Bids).ToList(), c.Settings.R025Threshold)!;
        tally.Fence = fence;
        c.Fences["R025"] = fence;
        c.Fences["R025.topTenderer"] = new Fence(null, null, null, top, counts.Count, Configured: false);
        foreach (var (id, v) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var ratio = (double)v.Wins / v.Bids;
            if (v.Bids > top && ratio < fence.Lower)
            {
                tally.Flagged++;
                c.Findings.Add(Group("R025", FlagLevel.Tenderer, id, v.Processes, ratio,
                    [Figure("wins", v.Wins), Figure("validBids", v.Bids), Figure("ratio", ratio), Figure("topTendererBids", top), Figure("lowerFence", fence.Lower)],
                    [Label(v.Bidder)], fence));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>R028: different tenderers submitted the same price; the process and each such tenderer are flagged.</summary>
    public static void R028(EvaluationContext c)
    {
        var tally = new CoverageTally("R028") { Note = "Processes with two or more submitted bids." };
        var tenderers = new Dictionary<string, (Bidder Bidder, List<TenderRecord> Processes)>(StringComparer.Ordinal);
        foreach (var r in c.Records.Where(r => r.Data.Bidders.Count(b => b.IsSubmitted) >= 2))
        {
            tally.Applies();
            var priced = r.Data.Bidders.Where(b => b.IsSubmitted && b.Price is not null).ToList();
            if (priced.Count < 2)
            {
                tally.Miss("prices");
                continue;
            }

            tally.Evaluate();
            var same = priced.GroupBy(b => b.Price!.Value).Where(g => g.Count() >= 2).ToList();
            if (same.Count == 0)
            {
                continue;
            }

            tally.Flagged++;
            var concerned = same.SelectMany(g => g).ToList();
            c.Findings.Add(Process("R028", r, 1.0,
                same.Select(g => Figure("price", $"{Figure("", g.Key).Value}: {string.Join(", ", g.Select(b => b.Id))}")),
                concerned.Select(Label)));
            foreach (var b in concerned)
            {
                var entry = tenderers.TryGetValue(b.Id, out var e) ? e : (b, []);
                entry.Processes.Add(r);
                tenderers[b.Id] = entry;
            }
        }

        foreach (var (id, (bidder, processes)) in tenderers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            c.Findings.Add(Group("R028", FlagLevel.Tenderer, id, processes, 1.0, [Figure("processes", processes.Count)], [Label(bidder)]));
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>R030: the winner's valid bid was received after the bid deadline (a later day, China time).</summary>
    public static void R030(EvaluationContext c)
    {
        var china = TimeSpan.FromHours(8);
        var tally = new CoverageTally("R030") { Note = "The deadline is a day: a bid received later the same day is not detected." };
        foreach (var r in c.Records.Where(r => r.Data.HasAward))
        {
            tally.Applies();
            if (r.Data.BidDeadline is not { } deadline)
            {
                tally.Miss("bidDeadline");
                continue;
            }

            var winning = r.Data.Bidders.FirstOrDefault(b => b.Id == r.Data.WinnerId && b.Status == BidStatus.Valid);
            if (winning?.ReceivedAt is not { } received)
            {
                tally.Miss("receivedAt");
                continue;
            }

            tally.Evaluate();
            var day = DateOnly.FromDateTime(received.ToOffset(china).DateTime);
            if (day > deadline)
            {
                tally.Flagged++;
                c.Findings.Add(Process("R030", r, 1.0, [Figure("receivedAt", received.ToOffset(china).ToString("yyyy-MM-dd HH:mm")), Figure("bidDeadline", deadline)], [Label(winning)]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>R035: the winner is the only valid tenderer and at least the threshold of other tenderers were disqualified.</summary>
    public static void R035(EvaluationContext c)
    {
        var threshold = Math.Max(1, c.Settings.R035Threshold);
        var tally = new CoverageTally("R035");
        foreach (var r in c.Records.Where(r => r.Data.HasAward))
        {
            tally.Applies();
            if (r.Data.Bidders.Length == 0)
            {
                tally.Miss("bids");
                continue;
            }

            tally.Evaluate();
            var valid = r.Data.Bidders.Where(b => b.Status == BidStatus.Valid).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            var disqualified = r.Data.Bidders.Where(b => b.Status == BidStatus.Disqualified && !valid.Contains(b.Id)).ToList();
            if (valid.Count == 1 && valid.Contains(r.Data.WinnerId!) && disqualified.Count >= threshold)
            {
                tally.Flagged++;
                c.Findings.Add(Process("R035", r, disqualified.Count,
                    [Figure("disqualifiedTenderers", disqualified.Count), Figure("threshold", threshold)], disqualified.Select(Label)));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>R036: in an awarded process, the lowest submitted bid is disqualified.</summary>
    public static void R036(EvaluationContext c)
    {
        var tally = new CoverageTally("R036");
        foreach (var r in c.Records.Where(r => r.Data.HasAward))
        {
            tally.Applies();
            Bidder? lowest = null;
            foreach (var b in r.Data.Bidders.Where(b => b.IsSubmitted && b.Price is not null))
            {
                if (lowest is null || b.Price < lowest.Price)
                {
                    lowest = b;
                }
            }

            if (lowest is null)
            {
                tally.Miss("prices");
                continue;
            }

            tally.Evaluate();
            if (lowest.Status == BidStatus.Disqualified)
            {
                tally.Flagged++;
                c.Findings.Add(Process("R036", r, 1.0, [Figure("lowestBid", lowest.Price), Figure("awardPrice", r.Data.AwardPrice)], [Label(lowest)]));
            }
        }

        c.Coverage.Add(tally.ToRow());
    }

    /// <summary>
    /// R038: disqualified / submitted bids, per buyer and procuring entity (at least 2 processes) and per tenderer
    /// (at least 2 submitted bids), flagged at or above Q3 + 1.5·IQR of its group's ratios. A ratio of 0 is never
    /// flagged: when most have none disqualified the fence is 0, and "excessive" cannot mean none.
    /// </summary>
    public static void R038(EvaluationContext c)
    {
        var tally = new CoverageTally("R038");
        var buyers = new Dictionary<string, (int Disqualified, int Submitted, List<TenderRecord> Processes, string Name)>(StringComparer.Ordinal);
        var entities = new Dictionary<string, (int Disqualified, int Submitted, List<TenderRecord> Processes, string Name)>(StringComparer.Ordinal);
        var tenderers = new Dictionary<string, (int Disqualified, int Submitted, List<TenderRecord> Processes, string Name)>(StringComparer.Ordinal);
        var noEntity = 0;
        foreach (var r in c.Records)
        {
            tally.Applies();
            var submitted = r.Data.Bidders.Where(b => b.IsSubmitted).ToList();
            if (submitted.Count == 0)
            {
                tally.Miss("bids");
                continue;
            }

            tally.Evaluate();
            var disqualified = submitted.Count(b => b.Status == BidStatus.Disqualified);
            Add(buyers, r.BuyerKey, r.Data.BuyerName ?? r.BuyerKey, disqualified, submitted.Count, r);
            if (r.Data.ProcuringEntityId is { } pe)
            {
                Add(entities, pe, pe, disqualified, submitted.Count, r);
            }
            else
            {
                noEntity++;
            }

            foreach (var b in submitted)
            {
                Add(tenderers, b.Id, Label(b), b.Status == BidStatus.Disqualified ? 1 : 0, 1, r);
            }
        }

        if (noEntity > 0)
        {
            tally.Note = $"{noEntity} processes name no procuring entity (only the buyer level applies to them).";
        }

        Flag(c, tally, "R038.buyer", FlagLevel.Buyer, buyers, e => e.Processes.Distinct().Count() >= c.Settings.R038MinimumProcesses);
        Flag(c, tally, "R038.procuringEntity", FlagLevel.ProcuringEntity, entities, e => e.Processes.Distinct().Count() >= c.Settings.R038MinimumProcesses);
        Flag(c, tally, "R038.tenderer", FlagLevel.Tenderer, tenderers, e => e.Submitted >= c.Settings.R038MinimumSubmittedBids);
        c.Coverage.Add(tally.ToRow());

        static void Add(Dictionary<string, (int Disqualified, int Submitted, List<TenderRecord> Processes, string Name)> map, string key, string name, int disqualified, int submitted, TenderRecord r)
        {
            var e = map.TryGetValue(key, out var found) ? found : (0, 0, [], name);
            e.Disqualified += disqualified;
            e.Submitted += submitted;
            e.Processes.Add(r);
            map[key] = e;
        }
    }

    private static void Flag(EvaluationContext c, CoverageTally tally, string fenceKey, FlagLevel level,
        Dictionary<string, (int Disqualified, int Submitted, List<TenderRecord> Processes, string Name)> map,
        Func<(int Disqualified, int Submitted, List<TenderRecord> Processes, string Name), bool> eligible)
    {
        var kept = map.Where(kv => eligible(kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var fence = Quartiles.UpperFence(kept.Select(kv => (double)kv.Value.Disqualified / kv.Value.Submitted).ToList(), c.Settings.R038Threshold);
        if (fence is null)
        {
            return;
        }

        c.Fences[fenceKey] = fence;
        tally.Fence ??= fence;
        foreach (var (id, e) in kept)
        {
            var ratio = (double)e.Disqualified / e.Submitted;
            if (ratio > 0 && ratio >= fence.Upper)
            {
                tally.Flagged++;
                c.Findings.Add(Group("R038", level, id, e.Processes.Distinct().ToList(), ratio,
                    [Figure("disqualified", e.Disqualified), Figure("submitted", e.Submitted), Figure("ratio", ratio), Figure("upperFence", fence.Upper)],
                    [e.Name], fence));
            }
        }
    }
}
