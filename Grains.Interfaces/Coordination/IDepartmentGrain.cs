using System.Collections.Immutable;

namespace Liandong.Coordination;

/// <summary>A city department (市直单位), keyed <c>{cityCode}-{slug}</c>: its profile and the matters assigned to it.</summary>
[Alias("Liandong.IDepartmentGrain")]
public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>Registers the department under its city, or renames it; another city is a conflict.</summary>
    [Alias("Register")]
    Task<DepartmentInfo> RegisterAsync(string name, string cityCode, string actor);

    /// <summary>The department, if registered.</summary>
    [Alias("GetInfo")]
    Task<DepartmentInfo?> GetInfoAsync();

    /// <summary>The matters assigned to the department, newest first, optionally of one status.</summary>
    [Alias("GetMatters")]
    Task<ImmutableArray<MatterSummary>> GetMattersAsync(MatterStatus? status);

    /// <summary>Takes the latest summary of a matter assigned to the department (an older version changes nothing).</summary>
    [Alias("TrackMatter")]
    Task TrackMatterAsync(MatterSummary summary);
}
