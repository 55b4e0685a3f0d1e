using System.Text.RegularExpressions;
using Liandong.Hierarchy;

namespace Liandong.Finance;

/// <summary>A factor need as it is raised (要素需求).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FactorNeedInput")]
public sealed record FactorNeedInput(
    [property: Id(0)] FactorKind Kind,
    [property: Id(1)] string Detail,
    [property: Id(2)] decimal? Quantity,
    [property: Id(3)] string? Unit,
    [property: Id(4)] string DepartmentId,
    [property: Id(5)] DateOnly DueDate);

/// <summary>A change of a factor need's status; <see cref="MetOn"/> defaults to today when it becomes met.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FactorUpdate")]
public sealed record FactorUpdate(
    [property: Id(0)] FactorStatus Status,
    [property: Id(1)] string? Note,
    [property: Id(2)] DateOnly? MetOn = null);

/// <summary>A factor (land, energy, water, funds, approval, labour) a project waits for, with the city department responsible.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FactorNeed")]
public sealed record FactorNeed(
    [property: Id(0)] string Id,
    [property: Id(1)] FactorKind Kind,
    [property: Id(2)] string Detail,
    [property: Id(3)] decimal? Quantity,
    [property: Id(4)] string? Unit,
    [property: Id(5)] string DepartmentId,
    [property: Id(6)] DateOnly DueDate,
    [property: Id(7)] FactorStatus Status,
    [property: Id(8)] string? Note,
    [property: Id(9)] DateTimeOffset RaisedAt,
    [property: Id(10)] string RaisedBy,
    [property: Id(11)] DateOnly? MetOn,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] string UpdatedBy)
{
    public bool IsOpen => Status != FactorStatus.Met;

    /// <summary>Whether, at the end of <paramref name="day"/>, the need was still not met and its due date had passed.</summary>
    public bool WasOverdueAtEndOf(DateOnly day) => DueDate < day && (MetOn is null || MetOn > day);

    /// <summary>Whether it is open today and its due date has passed.</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueDate < today;
}

/// <summary>A project's open factor needs as the project last sent them to its county's index.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectFactorNeeds")]
public sealed record ProjectFactorNeeds(
    [property: Id(0)] string ProjectCode,
    [property: Id(1)] string ProjectName,
    [property: Id(2)] string TownCode,
    [property: Id(3)] long Version,
    [property: Id(4)] System.Collections.Immutable.ImmutableArray<FactorNeed> Needs);

/// <summary>One open factor need in a jurisdiction's list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FactorNeedRow")]
public sealed record FactorNeedRow(
    [property: Id(0)] string ProjectCode,
    [property: Id(1)] string ProjectName,
    [property: Id(2)] string TownCode,
    [property: Id(3)] FactorNeed Need,
    [property: Id(4)] bool Overdue);

/// <summary>Rules for factor needs that both the API and the project grain apply.</summary>
public static class FactorNeedRules
{
    /// <summary>
    /// A city department id <c>{cityCode}-{slug}</c> (<see cref="Ids.IsDepartmentId"/>): the same shape a department
    /// is registered under. The department grains belong to the coordination flow; here only the form is checked.
    /// </summary>
    public static bool IsDepartmentId(string? id) => Ids.IsDepartmentId(id);

    /// <summary>The city a department id belongs to.</summary>
    public static string CityOfDepartment(string departmentId) => Ids.CityOfDepartment(departmentId);
}
