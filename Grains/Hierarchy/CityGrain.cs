using Liandong.Hierarchy;
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
        return Task.FromResult(Overview(period, withProjects: false));
    }

    protected override IRollupChild ChildGrain(string childCode) => GrainFactory.GetGrain<ICountyGrain>(childCode);

    protected override bool IsChildCode(string childCode) => DivisionCodes.CountyBelongsTo(childCode, Code);

    private void EnsureRegistered()
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"City {Code} is not registered.");
        }
    }
}
