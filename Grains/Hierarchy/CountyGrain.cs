using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>A county-level unit: holds each town's latest figures and pushes its sum to the city.</summary>
public sealed class CountyGrain(
    [PersistentState("county", StorageNames.Main)] IPersistentState<DivisionState> state,
    TimeProvider time,
    ILogger<CountyGrain> logger) : DivisionGrain(state, time, logger), ICountyGrain
{
    protected override DivisionLevel Level => DivisionLevel.County;

    protected override IRollupParent? ParentGrain =>
        State.ParentCode is { } city ? GrainFactory.GetGrain<ICityGrain>(city) : null;

    public async Task<DivisionInfo> RegisterAsync(string name, string cityCode, string actor)
    {
        if (!DivisionCodes.IsCounty(Code))
        {
            throw DomainException.Invalid("code", $"{Code} is not a county code.");
        }

        InputLimits.EnsureText("name", name, InputLimits.MaxName, required: true);

        if (!DivisionCodes.CountyBelongsTo(Code, cityCode))
        {
            throw DomainException.Invalid("cityCode", $"County {Code} cannot belong to city {cityCode}: the first four digits differ.");
        }

        var city = GrainFactory.GetGrain<ICityGrain>(cityCode);
        if (await city.GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        return await RegisterCoreAsync(name, cityCode, actor, () => city.AddCountyAsync(Code, name));
    }

    public Task AddTownAsync(string townCode, string name) => AddChildCoreAsync(townCode, name);

    public Task<DivisionOverview> GetOverviewAsync(PeriodQuery period)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"County {Code} is not registered.");
        }

        // Leads not yet converted are children of the county too (docs/promotion.md); the list shows towns only.
        var overview = Overview(period, withProjects: false);
        return Task.FromResult(overview.Children.Any(c => LeadIds.IsLead(c.Code))
            ? overview with { Children = [.. overview.Children.Where(c => !LeadIds.IsLead(c.Code))] }
            : overview);
    }

    protected override IRollupChild ChildGrain(string childCode) =>
        LeadIds.IsLead(childCode) ? GrainFactory.GetGrain<ILeadGrain>(childCode) : GrainFactory.GetGrain<ITownGrain>(childCode);

    protected override bool IsChildCode(string childCode) =>
        DivisionCodes.TownBelongsTo(childCode, Code) || LeadIds.BelongsTo(childCode, Code);
}
