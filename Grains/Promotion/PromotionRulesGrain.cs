using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Promotion;

/// <summary>What a city's promotion-rules grain persists: every version its command office set (the last is in force).</summary>
[GenerateSerializer, Alias("Liandong.PromotionRulesState")]
public sealed record PromotionRulesState
{
    [Id(0)] public ImmutableArray<PromotionRulesVersion> Versions { get; init; } = [];
}

/// <summary>
/// A city's timed-handling rules for leads (docs/promotion.md "Deadlines"). Until the command office sets its own,
/// the deployment's defaults (<see cref="PromotionOptions"/>) are in force as version 0. A new version is written
/// before it is answered; leads read the rules in force whenever they judge their deadlines (a change, a reminder
/// tick, a read), so an open lead follows a change within one reminder period. This grain calls no other grain
/// while it answers, so leads may call it from within their own turns.
/// </summary>
public sealed class PromotionRulesGrain(
    [PersistentState("promotion-rules", StorageNames.Main)] IPersistentState<PromotionRulesState> state,
    IOptions<PromotionOptions> options,
    TimeProvider time,
    ILogger<PromotionRulesGrain> logger) : Grain, IPromotionRulesGrain
{
    private string City => this.GetPrimaryKeyString();

    private ImmutableArray<PromotionRulesVersion> Versions => state.State.Versions.IsDefault ? [] : state.State.Versions;

    private PromotionRules InForce => Versions.Length > 0 ? Versions[^1].Rules : options.Value.Rules;

    public Task<PromotionRulesView> GetAsync() => Task.FromResult(View());

    public Task<PromotionRules> GetRulesAsync() => Task.FromResult(InForce);

    public async Task<PromotionRulesView> SetAsync(PromotionRules rules, string actor)
    {
        if (!DivisionCodes.IsCity(City))
        {
            throw DomainException.Invalid("code", $"{City} is not a city code.");
        }

        if (rules.Rules().FirstOrDefault() is { Field: { } field } problem)
        {
            throw DomainException.Invalid(field, problem.Message);
        }

        if (await GrainFactory.GetGrain<ICityGrain>(City).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {City} is not registered.");
        }

        if (rules == InForce && Versions.Length > 0)
        {
            return View();
        }

        var version = new PromotionRulesVersion(Versions.Length + 1, rules, actor, time.GetUtcNow());
        state.State = state.State with { Versions = Versions.Add(version) };
        await state.WriteStateAsync();
        logger.LogInformation("City {City} promotion rules version {Version} set by {Actor}", City, version.Version, actor);
        return View();
    }

    private PromotionRulesView View() =>
        new(City, InForce, Versions.Length > 0 ? Versions[^1].Version : 0, Versions);
}
