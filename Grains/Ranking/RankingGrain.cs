using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;
using Orleans.Concurrency;

namespace Liandong.Grains.Ranking;

/// <summary>
/// A city's monthly rankings (比学赶超). Computed here from the roll-ups: the city's (or a county's) overview gives
/// each child's totals in one call, and each child's matter index one call more; departments are counted from the
/// city's matter index. Nothing reads a project. A computed month is kept in memory for
/// <see cref="CacheFor"/>, so a page and its downloads cost one computation; the cache is per activation, not stored.
/// </summary>
[Reentrant]
public sealed class RankingGrain(TimeProvider time) : Grain, IRankingGrain
{
    /// <summary>How long a computed ranking is served before it is computed again from the roll-ups.</summary>
    public static TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(RankingLevel, string, int), (MonthRanking Ranking, DateTimeOffset At)> _cache = [];

    private string City => this.GetPrimaryKeyString();

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<MonthRanking> GetAsync(RankingLevel level, string? countyCode, int year, int month)
    {
        if (month is < 1 or > 12)
        {
            throw DomainException.Invalid("month", RankingRefusals.Month);
        }

        var scope = City;
        if (level == RankingLevel.Town)
        {
            if (countyCode is null || !DivisionCodes.CountyBelongsTo(countyCode, City))
            {
                throw DomainException.Invalid("county", RankingRefusals.CountyRequired(City));
            }

            scope = countyCode;
        }

        if (await GrainFactory.GetGrain<ICityGrain>(City).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {City} is not registered.");
        }

        var book = await GrainFactory.GetGrain<IRankingRulesGrain>(City).GetAsync();
        var at = new YearMonth(year, month);
        var previous = await ComputeAsync(level, scope, at.Previous, book, null);
        var ranks = previous.Entries.ToDictionary(e => e.Code, e => e.Rank, StringComparer.Ordinal);
        return await ComputeAsync(level, scope, at, book, ranks);
    }

    private async Task<MonthRanking> ComputeAsync(RankingLevel level, string scope, YearMonth at, RankingRuleBook book,
        IReadOnlyDictionary<string, int>? previousRanks)
    {
        var key = (level, scope, at.Index);
        var now = time.GetUtcNow();
        if (previousRanks is null && _cache.TryGetValue(key, out var cached) && now - cached.At < CacheFor &&
            cached.Ranking.RulesVersion == book.RulesFor(at.Year, at.Month).Version)
        {
            return cached.Ranking;
        }

        MonthRanking ranking;
        var rules = book.RulesFor(at.Year, at.Month);
        if (level == RankingLevel.Department)
        {
            // Departments have their own weights but the city's red and black lists: the top N with nothing overdue, the
            // bottom N (exempting those with nothing overdue when the rules exempt units on target).
            var units = await DepartmentUnitsAsync(at);
            ranking = new MonthRanking(at.Year, at.Month, level, scope, rules.Version,
                Scoring.Rank(units, Indicators.DepartmentWeights, Indicators.ForDepartments, rules.RedTop, rules.BlackBottom, rules.ExemptIfTargetMet,
                    previousRanks));
        }
        else
        {
            var units = await DivisionUnitsAsync(level, scope, at);
            ranking = new MonthRanking(at.Year, at.Month, level, scope, rules.Version,
                Scoring.Rank(units, rules.Indicators, Indicators.ForDivisions, rules.RedTop, rules.BlackBottom, rules.ExemptIfTargetMet, previousRanks));
        }

        // Keyed without the previous ranks: the entries differ only in PreviousRank, filled again on every read.
        _cache[key] = (previousRanks is null ? ranking : ranking with { Entries = [.. ranking.Entries.Select(e => e with { PreviousRank = null })] }, now);
        return ranking;
    }

    private async Task<List<UnitFigures>> DivisionUnitsAsync(RankingLevel level, string scope, YearMonth at)
    {
        var period = new PeriodQuery(at.Year, at.Month);
        var overview = level == RankingLevel.County
            ? await GrainFactory.GetGrain<ICityGrain>(scope).GetOverviewAsync(period)
            : await GrainFactory.GetGrain<ICountyGrain>(scope).GetOverviewAsync(period);
        var matters = await Task.WhenAll(overview.Children.Select(c => GrainFactory.GetGrain<IMatterIndexGrain>(c.Code).ListAsync(null)));
        return overview.Children
            .Select((c, i) => new UnitFigures(c.Code, c.Name, at.Month, c.Totals, MatterStats.ForDivision(matters[i], at.Year, at.Month, Today)))
            .ToList();
    }

    private async Task<List<UnitFigures>> DepartmentUnitsAsync(YearMonth at)
    {
        var matters = await GrainFactory.GetGrain<IMatterIndexGrain>(City).ListAsync(null);
        var ids = MatterStats.Departments(matters).Where(d => d.StartsWith(City + "-", StringComparison.Ordinal)).ToList();
        var infos = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IDepartmentGrain>(id).GetInfoAsync()));
        return ids
            .Select((id, i) => new UnitFigures(id, infos[i]?.Name ?? id, at.Month, null, MatterStats.ForDepartment(matters, id, at.Year, at.Month, Today)))
            .Where(u => u.Matters.Due > 0)
            .ToList();
    }
}
