using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Ranking;

/// <summary>What a city's ranking-rules grain persists.</summary>
[GenerateSerializer, Alias("Liandong.RankingRulesState")]
public sealed record RankingRulesState
{
    [Id(0)] public RankingRuleBook? Book { get; init; }
}

/// <summary>A city's ranking rules (比学赶超), versioned by the month they take effect; past months keep theirs.</summary>
public sealed class RankingRulesGrain(
    [PersistentState("rankingRules", StorageNames.Main)] IPersistentState<RankingRulesState> state,
    TimeProvider time,
    ILogger<RankingRulesGrain> logger) : Grain, IRankingRulesGrain
{
    private string City => this.GetPrimaryKeyString();

    public Task<RankingRuleBook> GetAsync() => Task.FromResult(state.State.Book ?? new RankingRuleBook(City, 0, []));

    public async Task<RankingRuleBook> SetAsync(RankingRules rules, string actor)
    {
        if (Indicators.Rules(rules).FirstOrDefault() is { Field: { } field } problem)
        {
            throw DomainException.Invalid(field, problem.Message);
        }

        if (await GrainFactory.GetGrain<ICityGrain>(City).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {City} is not registered.");
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var thisMonth = new YearMonth(today.Year, today.Month);
        if (rules.EffectiveFrom.Index < thisMonth.Index)
        {
            throw DomainException.Invalid("effectiveFrom",
                RankingRefusals.FromThisMonth(thisMonth.ToString()));
        }

        var book = await GetAsync();
        var versions = book.Versions.IsDefault ? [] : book.Versions;
        if (versions.Length > 0 && rules.EffectiveFrom.Index < versions[^1].EffectiveFrom.Index)
        {
            throw DomainException.Invalid("effectiveFrom",
                RankingRefusals.FromLatestVersion(versions[^1].EffectiveFrom.ToString()));
        }

        var stamped = rules with { SetBy = actor, SetAt = time.GetUtcNow(), Version = book.Version + 1 };
        versions = versions.Length > 0 && versions[^1].EffectiveFrom.Index == rules.EffectiveFrom.Index
            ? versions.SetItem(versions.Length - 1, stamped)
            : versions.Add(stamped);
        var next = new RankingRuleBook(City, book.Version + 1, versions);
        state.State = state.State with { Book = next };
        await state.WriteStateAsync();
        logger.LogInformation("City {City} set its ranking rules version {Version}, effective from {From}", City, next.Version, rules.EffectiveFrom);
        return next;
    }
}
