namespace Liandong.Hierarchy;

/// <summary>A division that receives its children's figures and keeps their sum.</summary>
[Alias("Liandong.IRollupParent")]
public interface IRollupParent
{
    /// <summary>
    /// Takes a child's latest figures; a stale or repeated version changes nothing. Returns once the
    /// parent has persisted what it accepted.
    /// </summary>
    [Alias("AcceptSnapshot")]
    Task AcceptSnapshotAsync(ChildSnapshot snapshot);
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
public interface ICountyGrain : IGrainWithStringKey, IRollupParent
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
public interface ITownGrain : IGrainWithStringKey, IRollupParent
{
    /// <summary>Registers the town under its county, or renames it; another county is a conflict.</summary>
    [Alias("Register")]
    Task<DivisionInfo> RegisterAsync(string name, string countyCode, string actor);

    /// <summary>The town, if registered.</summary>
    [Alias("GetInfo")]
    Task<DivisionInfo?> GetInfoAsync();

    /// <summary>Hands out a project code for a project that has none of its own.</summary>
    [Alias("AllocateProjectCode")]
    Task<string> AllocateProjectCodeAsync();

    /// <summary>The town's totals and its project list, for a period.</summary>
    [Alias("GetOverview")]
    Task<DivisionOverview> GetOverviewAsync(Liandong.Reporting.PeriodQuery period);
}
