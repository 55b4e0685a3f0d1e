using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>A prefecture-level city: the top of the roll-up, holding each county's latest figures.</summary>
public sealed class CityGrain(
    [PersistentState("city", StorageNames.Main)] IPersistentState<DivisionState> state,
    TimeProvider time,
    ILogger<CityGrain> logger) : DivisionGrain(state, time, logger), ICityGrain
{
    protected override DivisionLevel Level => DivisionLevel.City;

    protected override IRollupParent? ParentGrain => null;

    public Task<DivisionInfo> RegisterAsync(string name, string actor)
    {
        if (!DivisionCodes.IsCity(Code))
        {
            throw DomainException.Invalid("code", $"{Code} is not a city code.");
        }

        InputLimits.EnsureText("name", name, InputLimits.MaxName, required: true);

        return RegisterCoreAsync(name, null, actor, announce: null);
    }

    public Task AddCountyAsync(string countyCode, string name) => AddChildCoreAsync(countyCode, name);

    public Task<DivisionOverview> GetOverviewAsync(PeriodQuery period)
    {
        EnsureRegistered();

        // City-level leads (docs/promotion.md) are children of the city too; the list shows counties only.
        var overview = Overview(period, withProjects: false);
        return Task.FromResult(overview.Children.Any(c => LeadIds.IsLead(c.Code))
            ? overview with { Children = [.. overview.Children.Where(c => !LeadIds.IsLead(c.Code))] }
            : overview);
    }

    protected override IRollupChild ChildGrain(string childCode) =>
        LeadIds.IsLead(childCode) ? GrainFactory.GetGrain<ILeadGrain>(childCode) : GrainFactory.GetGrain<ICountyGrain>(childCode);

    protected override bool IsChildCode(string childCode) =>
        DivisionCodes.CountyBelongsTo(childCode, Code) || LeadIds.BelongsTo(childCode, Code);

    private void EnsureRegistered()
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"City {Code} is not registered.");
        }
    }
}
