using System.Collections.Immutable;
using Liandong.Ranking;

namespace Liandong.Grains.Ranking;

/// <summary>
/// Turns units' figures into a ranking (API.md "Ranking"): each indicator gives <c>weight × value / best value</c>
/// (for lower-is-better, <c>weight × best / value</c>, full weight for the best), 0 for a value ≤ 0 or none; the score
/// is the sum of the parts; equal scores share a rank. The red list is the top N among units that met their target;
/// the black list the bottom N, skipping units that met their target when the rules exempt them.
/// </summary>
public static class Scoring
{
    public static ImmutableArray<RankingEntry> Rank(
        IReadOnlyList<UnitFigures> units,
        IReadOnlyList<IndicatorWeight> weights,
        IReadOnlyDictionary<string, Indicator> indicators,
        int redTop,
        int blackBottom,
        bool exemptIfTargetMet,
        IReadOnlyDictionary<string, int>? previousRanks = null)
    {
        var values = weights.ToDictionary(w => w.Indicator, w => units.Select(u => indicators[w.Indicator].Value(u)).ToArray());
        var scored = units.Select((u, i) =>
        {
            var parts = weights.Select(w => Part(indicators[w.Indicator], w.Weight, values[w.Indicator], i)).ToImmutableArray();
            return (Unit: u, Parts: parts, Score: parts.Sum(p => p.Points));
        })
        .OrderByDescending(s => s.Score)
        .ThenBy(s => s.Unit.Code, StringComparer.Ordinal)
        .ToList();

        var ranks = new int[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            ranks[i] = i > 0 && scored[i].Score == scored[i - 1].Score ? ranks[i - 1] : i + 1;
        }

        var red = scored.Where(s => s.Unit.TargetMet).Take(redTop).Select(s => s.Unit.Code).ToHashSet(StringComparer.Ordinal);
        var black = Enumerable.Reverse(scored)
            .Where(s => !red.Contains(s.Unit.Code) && !(exemptIfTargetMet && s.Unit.TargetMet))
            .Take(blackBottom)
            .Select(s => s.Unit.Code)
            .ToHashSet(StringComparer.Ordinal);

        return scored.Select((s, i) => new RankingEntry(
                ranks[i], s.Unit.Code, s.Unit.Name, s.Score,
                previousRanks is not null && previousRanks.TryGetValue(s.Unit.Code, out var before) ? before : null,
                s.Parts,
                red.Contains(s.Unit.Code) ? "red" : black.Contains(s.Unit.Code) ? "black" : null,
                s.Unit.TargetMet))
            .ToImmutableArray();
    }

    private static RankingPart Part(Indicator indicator, int weight, decimal?[] all, int index)
    {
        var value = all[index];
        var present = all.Where(v => v is not null).Select(v => v!.Value).ToList();
        decimal points;
        if (value is not { } v || present.Count == 0)
        {
            points = 0m;
        }
        else if (indicator.LowerIsBetter)
        {
            var best = present.Min();
            points = v == best ? weight : v <= 0m || best <= 0m ? 0m : weight * best / v;
        }
        else
        {
            var best = present.Max();
            points = v <= 0m || best <= 0m ? 0m : weight * v / best;
        }

        return new RankingPart(indicator.Id, value, Math.Round(points, 2), weight);
    }
}
