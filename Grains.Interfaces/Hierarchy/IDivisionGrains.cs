namespace Liandong.Hierarchy;

/// <summary>A division that receives its children's figures and keeps their sum.</summary>
[Alias("Liandong.IRollupParent")]
public interface IRollupParent
{
    /// <summary>
    /// Takes a child's latest figures; a stale or repeated version changes nothing. Returns once the
    /// parent holds what it accepted recoverably: a new child is persisted at once; new figures of a known
    /// child are kept in memory by a parent that has marked itself open in storage, so that if its silo
    /// dies it rebuilds them from its children (DESIGN.md "Roll-ups: the spine").
    /// </summary>
    [Alias("AcceptSnapshot")]
    Task AcceptSnapshotAsync(ChildSnapshot snapshot);
}

/// <summary>A project, town or county as its parent sees it: it can hand over its current figures on request.</summary>
[Alias("Liandong.IRollupChild")]
public interface IRollupChild
{
    /// <summary>
    /// The child's figures as they stand (a project's as persisted), for a parent that is rebuilding its
    /// totals or that missed a push; null when the child is not registered.
    /// </summary>
    [Alias("GetSnapshot")]
    Task<ChildSnapshot?> GetSnapshotAsync();
}

/// <summary>A prefecture-level city (地级市), keyed by its six-digit division code.</summary>
[Alias("Liandong.ICityGrain")]
public interface ICityGrain : IGrainWithStringKey, IRollupParent
{
    /// <summary>Registers the city or renames it.</summary>
    [Alias("Register")]
    Task<DivisionInfo> RegisterAsync(string name, string actor);

    /// <summary>The city, if registered.</summary>
    [Alias("GetInfo")]
    Task<DivisionInfo?> GetInfoAsync();

    /// <summary>Lists a county-level unit under the city (called by the county when it registers).</summary>
    [Alias("AddCounty")]
    Task AddCountyAsync(string countyCode, string name);

    /// <summary>The city's totals and each county's, for a period.</summary>
    [Alias("GetOverview")]
    Task<DivisionOverview> GetOverviewAsync(Liandong.Reporting.PeriodQuery period);
}

/// <summary>A county-level unit (县/县级市/区), keyed by its six-digit division code.</summary>
[Alias("Liandong.ICountyGrain")]
public interface ICountyGrain : IGrainWithStringKey, IRollupParent, IRollupChild
{
    /// <summary>Registers the county under its city, or renames it; another city is a conflict.</summary>
    [Alias("Register")]
    Task<DivisionInfo> RegisterAsync(string name, string cityCode, string actor);

    /// <summary>The county, if registered.</summary>
    [Alias("GetInfo")]
    Task<DivisionInfo?> GetInfoAsync();

    /// <summary>Lists a town under the county (called by the town when it registers).</summary>
    [Alias("AddTown")]
    Task AddTownAsync(string townCode, string name);

    /// <summary>The county's totals and each town's, for a period.</summary>
    [Alias("GetOverview")]
    Task<DivisionOverview> GetOverviewAsync(Liandong.Reporting.PeriodQuery period);
}

/// <summary>A town or sub-district (镇/街道), keyed by its nine-digit division code.</summary>
[Alias("Liandong.ITownGrain")]
public interface ITownGrain : IGrainWithStringKey, IRollupParent, IRollupChild
{
    /// <summary>Registers the town under its county, or renames it; another county is a conflict.</summary>
    [Alias("Register")]
    Task<DivisionInfo> RegisterAsync(string name, string countyCode, string actor);

    /// <summary>The town, if registered.</summary>
    [Alias("GetInfo")]
    Task<DivisionInfo?> GetInfoAsync();

    /// <summary>
    /// A project announces the version it is about to persist. If that version's figures have not arrived
    /// a few seconds later (the project's silo died between its write and its push), the town asks the
    /// project for its persisted figures. Returns once the town holds the announcement recoverably.
    /// </summary>
    [Alias("Prepare")]
    Task PrepareAsync(string projectCode, long version);

    /// <summary>Hands out a project code for a project that has none of its own.</summary>
    [Alias("AllocateProjectCode")]
    Task<string> AllocateProjectCodeAsync();

    /// <summary>The town's totals and its project list, for a period.</summary>
    [Alias("GetOverview")]
    Task<DivisionOverview> GetOverviewAsync(Liandong.Reporting.PeriodQuery period);

    /// <summary>
    /// The projects expected to report a month (new starts and continuing projects with a plan that year) whose
    /// report for it has not arrived, read from the report counts of their snapshots.
    /// </summary>
    [Alias("GetMissingReports")]
    Task<System.Collections.Immutable.ImmutableArray<ProjectRow>> GetMissingReportsAsync(int year, int month);
}
