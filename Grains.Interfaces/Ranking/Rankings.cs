using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Ranking;

/// <summary>What is ranked: the counties of a city, the towns of a county, or the city's departments on matters.</summary>
public enum RankingLevel
{
    County = 0,
    Town = 1,
    Department = 2,
}

/// <summary>An indicator and the points it is worth.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.IndicatorWeight")]
public sealed record IndicatorWeight([property: Id(0)] string Indicator, [property: Id(1)] int Weight);

/// <summary>
/// One version of a city's ranking rules (比学赶超): indicators and their weights (points summing to 100), the red
/// list (top <see cref="RedTop"/> among units that met their target) and the black list (bottom
/// <see cref="BlackBottom"/>, exempting units that met their target when <see cref="ExemptIfTargetMet"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.RankingRules")]
public sealed record RankingRules(
    [property: Id(0)] YearMonth EffectiveFrom,
    [property: Id(1)] ImmutableArray<IndicatorWeight> Indicators,
    [property: Id(2)] int RedTop,
    [property: Id(3)] int BlackBottom,
    [property: Id(4)] bool ExemptIfTargetMet)
{
    [Id(5)] public string? SetBy { get; init; }

    [Id(6)] public DateTimeOffset? SetAt { get; init; }

    /// <summary>The rule book's version when this version was set (0: the default rules).</summary>
    [Id(7)] public long Version { get; init; }
}

/// <summary>Every version of a city's ranking rules; a month is ranked by the version in force for it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.RankingRuleBook")]
public sealed record RankingRuleBook(
    [property: Id(0)] string CityCode,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<RankingRules> Versions)
{
    /// <summary>The rules in force for a month: the latest version effective by then, else the defaults.</summary>
    public RankingRules RulesFor(int year, int month)
    {
        var index = year * 12 + month - 1;
        var rules = Indicators.DefaultRules;
        foreach (var v in Versions.IsDefault ? [] : Versions)
        {
            if (v.EffectiveFrom.Index <= index)
            {
                rules = v;
            }
        }

        return rules;
    }

    /// <summary>The latest rules (the defaults when the city has set none).</summary>
    public RankingRules Current => Versions.IsDefaultOrEmpty ? Indicators.DefaultRules : Versions[^1];
}

/// <summary>One indicator's share of a score: the unit's value and the points it earned (the "why").</summary>
[GenerateSerializer, Immutable, Alias("Liandong.RankingPart")]
public sealed record RankingPart(
    [property: Id(0)] string Indicator,
    [property: Id(1)] decimal? Value,
    [property: Id(2)] decimal Points,
    [property: Id(3)] int Weight);

/// <summary>A ranked unit: rank, score and its parts, last month's rank, and whether it is on the red or black list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.RankingEntry")]
public sealed record RankingEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name,
    [property: Id(3)] decimal Score,
    [property: Id(4)] int? PreviousRank,
    [property: Id(5)] ImmutableArray<RankingPart> Parts,
    [property: Id(6)] string? List,
    [property: Id(7)] bool TargetMet)
{
    /// <summary>Places moved up since last month (negative: down); null when it was not ranked then.</summary>
    public int? Change => PreviousRank is { } p ? p - Rank : null;
}

/// <summary>A month's ranking at one level, with the rules version it was ranked by.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MonthRanking")]
public sealed record MonthRanking(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month,
    [property: Id(2)] RankingLevel Level,
    [property: Id(3)] string Scope,
    [property: Id(4)] long RulesVersion,
    [property: Id(5)] ImmutableArray<RankingEntry> Entries);

/// <summary>A city's ranking rules, versioned by the month they take effect; keyed by the city code.</summary>
[Alias("Liandong.IRankingRulesGrain")]
public interface IRankingRulesGrain : IGrainWithStringKey
{
    /// <summary>Every version (none set: the default rules alone, version 0).</summary>
    [Alias("Get")]
    Task<RankingRuleBook> GetAsync();

    /// <summary>Sets the rules from a month on (this month or later; the latest version's month replaces it).</summary>
    [Alias("Set")]
    Task<RankingRuleBook> SetAsync(RankingRules rules, string actor);
}

/// <summary>A city's monthly rankings (比学赶超), computed from the roll-ups and kept for a short while; keyed by the city code.</summary>
[Alias("Liandong.IRankingGrain")]
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The ranking of a month: counties of the city, towns of <paramref name="countyCode"/>, or the city's
    /// departments on matters; each entry with last month's rank (ranked by the rules in force then).
    /// </summary>
    [Alias("Get")]
    Task<MonthRanking> GetAsync(RankingLevel level, string? countyCode, int year, int month);
}
