using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Coordination;

/// <summary>A city department (市直单位): the matters assigned to it are pushed here by the matters themselves.</summary>
public sealed class DepartmentGrain(
    [PersistentState("department", StorageNames.Main)] IPersistentState<DepartmentState> state,
    TimeProvider time,
    ILogger<DepartmentGrain> logger) : Grain, IDepartmentGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<DepartmentInfo> RegisterAsync(string name, string cityCode, string actor)
    {
        if (!Ids.IsDepartmentId(Id))
        {
            throw DomainException.Invalid("id", "A department id is {cityCode}-{slug}, the slug lower-case letters, digits and dashes.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > InputLimits.MaxShort)
        {
            throw DomainException.Invalid("name", $"Name is required (at most {InputLimits.MaxShort} characters).");
        }

        if (!DivisionCodes.IsCity(cityCode) || Ids.CityOfDepartment(Id) != cityCode)
        {
            throw DomainException.Invalid("cityCode", $"Department {Id} belongs to city {Ids.CityOfDepartment(Id)}: its id starts with the city code.");
        }

        if (state.State.CityCode is { } registered && registered != cityCode)
        {
            throw DomainException.Conflict($"Department {Id} is already registered under {registered}.");
        }

        if (await GrainFactory.GetGrain<ICityGrain>(cityCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        var created = state.State.Name is null;
        if (created || state.State.Name != name)
        {
            await state.WriteOrRollBackAsync(state.State with
            {
                Name = name,
                CityCode = cityCode,
                History = state.State.History.Add(new AuditEntry(time.GetUtcNow(), actor, created ? $"registered {name}" : $"renamed to {name}")),
            });

            logger.LogInformation("Department {Department} registered as {Name}", Id, name);
        }

        return new DepartmentInfo(Id, name, cityCode, created);
    }

    public Task<DepartmentInfo?> GetInfoAsync() =>
        Task.FromResult(state.State.Name is { } name ? new DepartmentInfo(Id, name, state.State.CityCode!, false) : null);

    public Task<ImmutableArray<MatterSummary>> GetMattersAsync(MatterStatus? status)
    {
        if (state.State.Name is null)
        {
            throw DomainException.NotFound($"Department {Id} is not registered.");
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Task.FromResult(Lists.NewestFirst(state.State.Matters.Values.Where(m => status is null || m.Status == status))
            .Select(m => m.AsOf(today)).ToImmutableArray());
    }

    public async Task TrackMatterAsync(MatterSummary summary)
    {
        if (state.State.Matters.TryGetValue(summary.Id, out var held) && held.Version >= summary.Version)
        {
            return;
        }

        await state.WriteOrRollBackAsync(state.State with { Matters = state.State.Matters.SetItem(summary.Id, summary) });
    }
}
