using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;
using Liandong.Tenders;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Tenders;

/// <summary>
/// One procurement process. A save is validated, persisted with the replaced version kept as a correction,
/// and only then told to the project's list and the city's index (which the indicators read) through a
/// <see cref="VersionedPublisher{TState}"/>: a telling cut short (a silo dies after the write) is retried by a
/// reminder, and both holders keep only a newer version.
/// </summary>
public sealed class TenderGrain(
    [PersistentState("tender", StorageNames.Main)] IPersistentState<TenderState> state,
    TimeProvider time,
    ILogger<TenderGrain> logger) : Grain, ITenderGrain, IRemindable
{
    /// <summary>The reminder that tells the indexes again when a save's telling was cut short.</summary>
    public const string RetryReminderName = "tender-publish";

    private VersionedPublisher<TenderState>? _publisher;

    private string Id => this.GetPrimaryKeyString();

    private VersionedPublisher<TenderState> Publisher => _publisher ??= new VersionedPublisher<TenderState>(
        new WakeUpReminder(this, RetryReminderName), null, s => s.Record?.Version, TellIndexesAsync, logger, () => $"Tender {Id}");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publisher.Restore(state.State, state.State.SyncedVersion);

        // An index may have missed the last save (a silo died between the write and the messages).
        _ = Publisher.PublishAsync();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Publisher.Retry.Is(reminderName) ? Publisher.RetryAsync() : Task.CompletedTask;

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

        if (input.Ocid is { } ocid && await GrainFactory.GetGrain<ICityTendersGrain>(placement.CityCode).FindByOcidAsync(ocid) is { } owner && owner != Id)
        {
            throw DomainException.Conflict($"The ocid {ocid} already belongs to process {owner}.");
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
            SyncedVersion = Publisher.Synced,
        };
        await Publisher.PersistAsync(state, next);
        logger.LogInformation("Tender {Tender} saved (version {Version}) by {Actor}", Id, record.Version, actor);

        // Durable now; the indexes are told next (both accept only newer versions, so telling again is harmless).
        await Publisher.PublishAsync();
        return new TenderView(record, next.Corrections, Created: s.Record is null);
    }

    /// <summary>Tells the project's list and the city's index of the record; throws if either did not take it.</summary>
    private async Task TellIndexesAsync(TenderState s)
    {
        var record = s.Record!;
        if (record.Placement.ProjectCode is { } project)
        {
            await GrainFactory.GetGrain<IProjectTendersGrain>(project).AddAsync(Id);
        }

        await GrainFactory.GetGrain<ICityTendersGrain>(record.Placement.CityCode).AcceptAsync(record);
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

        await state.WriteOrRollBackAsync(state.State with { Ids = state.State.Ids.Add(tenderId) });
    }

    public Task<System.Collections.Immutable.ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Ids);
}
