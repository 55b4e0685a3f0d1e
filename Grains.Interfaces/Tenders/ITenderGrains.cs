using System.Collections.Immutable;

namespace Liandong.Tenders;

/// <summary>One procurement process (招标采购), keyed by its tender id: the record and its corrections.</summary>
[Alias("Liandong.Tenders.ITenderGrain")]
public interface ITenderGrain : IGrainWithStringKey
{
    /// <summary>Creates or corrects the process (the replaced version is kept); persisted, then indexed by project and city.</summary>
    [Alias("Save")]
    Task<TenderView> SaveAsync(TenderPlacement placement, TenderInput input, string actor);

    /// <summary>The process with its corrections; 404 when it was never saved.</summary>
    [Alias("Get")]
    Task<TenderView> GetAsync();
}

/// <summary>The processes of one project (keyed by project code), in the order they were entered.</summary>
[Alias("Liandong.Tenders.IProjectTendersGrain")]
public interface IProjectTendersGrain : IGrainWithStringKey
{
    /// <summary>Adds a process id to the project (idempotent).</summary>
    [Alias("Add")]
    Task AddAsync(string tenderId);

    /// <summary>The ids of the project's processes.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}

/// <summary>
/// Every process of a city (keyed by city code), entered and imported alike, as the indicators read them,
/// with a version that changes whenever one does; imported releases that match no project live here too.
/// </summary>
[Alias("Liandong.Tenders.ICityTendersGrain")]
public interface ICityTendersGrain : IGrainWithStringKey
{
    /// <summary>Takes a process's latest record; an older version changes nothing.</summary>
    [Alias("Accept")]
    Task AcceptAsync(TenderRecord record);

    /// <summary>The tender id already used for an ocid in this city, if any.</summary>
    [Alias("FindByOcid")]
    Task<string?> FindByOcidAsync(string ocid);

    /// <summary>The city's processes (optionally of one county or one project) and the index's version.</summary>
    [Alias("List")]
    Task<(ImmutableArray<TenderRecord> Records, long Version)> ListAsync(string? countyCode, string? projectCode);
}

/// <summary>
/// Imports Open Contracting releases into a city (keyed by city code). A stateless worker of its own, not a
/// method of the city index: each saved process tells the index itself, which a call from the index would deadlock.
/// </summary>
[Alias("Liandong.Tenders.ITenderImportGrain")]
public interface ITenderImportGrain : IGrainWithStringKey
{
    /// <summary>Imports OCDS 1.1 compiled releases (one per line) or a release package; unreadable lines are reported, the rest imported.</summary>
    [Alias("ImportOcds")]
    Task<OcdsImportResult> ImportOcdsAsync(string body, string actor);
}

/// <summary>
/// The integrity alerts of one city (keyed by city code): computed from the city's processes by the
/// statutory checks and the Open Contracting red flags, reviewed by inspectors; the city's settings.
/// </summary>
[Alias("Liandong.Tenders.IIntegrityGrain")]
public interface IIntegrityGrain : IGrainWithStringKey
{
    /// <summary>Every alert (recomputed first when the processes changed) and the fences used.</summary>
    [Alias("GetFlags")]
    Task<(ImmutableArray<IntegrityFlag> Flags, ImmutableDictionary<string, Fence> Fences)> GetFlagsAsync();

    /// <summary>One alert; 404 when there is none with that id.</summary>
    [Alias("GetFlag")]
    Task<IntegrityFlag> GetFlagAsync(string id);

    /// <summary>An inspector confirms or dismisses an alert with a note; kept with who and when.</summary>
    [Alias("Review")]
    Task<IntegrityFlag> ReviewAsync(string id, ReviewOutcome outcome, string note, string actor);

    /// <summary>Per indicator, how much of the data it could use and why not the rest.</summary>
    [Alias("GetCoverage")]
    Task<ImmutableArray<CoverageRow>> GetCoverageAsync();

    [Alias("GetSettings")]
    Task<IntegritySettings> GetSettingsAsync();

    /// <summary>Changes the city's thresholds and limits; alerts are recomputed at the next read.</summary>
    [Alias("SetSettings")]
    Task<IntegritySettings> SetSettingsAsync(IntegritySettings settings, string actor);
}
