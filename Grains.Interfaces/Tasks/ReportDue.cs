using System.Collections.Immutable;

namespace Liandong.Tasks;

/// <summary>A town's projects whose report for the month falling due has not arrived (their names), as the town answered.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.TownReportsDue")]
public sealed record TownReportsDue(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<string> Missing);

/// <summary>
/// The monthly reports of one county (keyed by its code) as work (待办): for the month whose reports fall due this month
/// (by the city's <c>reportDueDay</c>), each town with projects that have not reported gets a "due soon" task until the
/// due day and a "missing" one after it, and the county one task summing its towns; the county's "due soon" task
/// reminds the county's WeCom robot once. Built from the towns' snapshot report counts, never from the projects; a
/// durable reminder refreshes it, and a town tells it when a report of that month arrives.
/// </summary>
[Alias("Liandong.IReportDueGrain")]
public interface IReportDueGrain : IGrainWithStringKey
{
    /// <summary>Asks every town of the county again and pushes the tasks; returns the open ones.</summary>
    [Alias("Refresh")]
    Task<ImmutableArray<WorkTask>> RefreshAsync();

    /// <summary>A town's projects changed for <paramref name="year"/>-<paramref name="month"/> (a report arrived, a project registered): asks that town again.</summary>
    [Alias("TownChanged")]
    Task TownChangedAsync(string townCode, int year, int month);
}
