using Liandong.Hierarchy;
using Liandong.Tenders;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Tenders;

/// <summary>
/// One procurement process. A save is validated, persisted with the replaced version kept as a correction,
/// and only then told to the project's list and the city's index (which the indicators read).
/// </summary>
public sealed class TenderGrain(
    [PersistentState("tender", StorageNames.Main)] IPersistentState<TenderState> state,
    TimeProvider time,
    ILogger<TenderGrain> logger) : Grain, ITenderGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<TenderView> SaveAsync(TenderPlacement placement, TenderInput input, string actor)
    {
        if (!TenderRules.IsTenderId(Id))
        {
            throw DomainException.Invalid("id", "A tender id is letters, digits, dots, dashes and underscores, at most 80.");
        }

        EnsurePlacement(placement);
        TenderRules.Ensure(input, imported: placement.Source == TenderSource.Ocds);

        var s = state.State;
        if (s.Record is { } existing)
        {
            if (existing.Placement.CityCode != placement.CityCode ||
                (existing.Placement.ProjectCode is { } p && placement.ProjectCode is { } q && p != q))
            {
                throw DomainException.Conflict($"Tender {Id} belongs to {existing.Placement.ProjectCode ?? existing.Placement.CityCode}.");
            }

            if (existing.Data.SameAs(input))
            {
                return new TenderView(existing, s.Corrections, Created: false);
            }
        }

        var now = time.GetUtcNow();
        // An imported release that now matches a project keeps it; an entry never loses its project.
        var place = s.Record is { } old && placement.ProjectCode is null ? old.Placement with { Source = placement.Source } : placement;
        var record = new TenderRecord(Id, place, input, now, actor, (s.Record?.Version ?? 0) + 1);
        var next = new TenderState
        {
            Record = record,
            Corrections = s.Record is { } replaced
                ? s.Corrections.Add(new TenderRevision(replaced.Data, replaced.UpdatedAt, replaced.UpdatedBy, now, actor))
                : s.Corrections,
        };
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = s;
            throw;
        }

        // The record is durable; the indexes are told next. Both accept only newer versions, so a retry of
        // this call after a failure here repeats nothing harmful.
        if (record.Placement.ProjectCode is { } project)
        {
            await GrainFactory.GetGrain<IProjectTendersGrain>(project).AddAsync(Id);
        }

        await GrainFactory.GetGrain<ICityTendersGrain>(record.Placement.CityCode).AcceptAsync(record);
        logger.LogInformation("Tender {Tender} saved (version {Version}) by {Actor}", Id, record.Version, actor);
        return new TenderView(record, next.Corrections, Created: s.Record is null);
    }

    public Task<TenderView> GetAsync() =>
        state.State.Record is { } record
            ? Task.FromResult(new TenderView(record, state.State.Corrections, Created: false))
            : throw DomainException.NotFound($"Tender {Id} does not exist.");

    private static void EnsurePlacement(TenderPlacement p)
    {
        if (!DivisionCodes.IsCity(p.CityCode))
        {
            throw DomainException.Invalid("cityCode", "A city code is six digits ending in 00.");
        }

        if (p.CountyCode is not null && !DivisionCodes.CountyBelongsTo(p.CountyCode, p.CityCode))
        {
            throw DomainException.Invalid("countyCode", $"County {p.CountyCode} is not in city {p.CityCode}.");
        }

        if (p.ProjectCode is not null && p.CountyCode is null)
        {
            throw DomainException.Invalid("countyCode", "A project's process names its county.");
        }
    }
}

/// <summary>The list of one project's processes.</summary>
public sealed class ProjectTendersGrain(
    [PersistentState("project-tenders", StorageNames.Main)] IPersistentState<ProjectTendersState> state) : Grain, IProjectTendersGrain
{
    public async Task AddAsync(string tenderId)
    {
        if (state.State.Ids.Contains(tenderId))
        {
            return;
        }

        var previous = state.State;
        state.State = previous with { Ids = previous.Ids.Add(tenderId) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    public Task<System.Collections.Immutable.ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Ids);
}
