using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>One month of a division's or a project's trend: the amount completed that month, this year and last.</summary>
public sealed record MonthPoint(int Month, decimal Completed, decimal? LastYear);

/// <summary>A division above a page, for its breadcrumbs.</summary>
public sealed record Crumb(string Code, string Name);

/// <summary>A project in a county's or town's list, with the town it lies in.</summary>
public sealed record ProjectListItem(ProjectRow Row, string TownCode, string TownName);

/// <summary>
/// Cities, counties and towns, for the API and the portal alike: every read and write asks
/// <see cref="Jurisdiction"/> first, then makes one grain call (or a bounded fan-out, said where).
/// </summary>
public sealed class HierarchyService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    public Task<DivisionInfo> RegisterCityAsync(CurrentUser user, string code, string name, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(code));
        return cluster.GetGrain<ICityGrain>(code).RegisterAsync(name, actor);
    }

    /// <summary>Registers a county (the command office), or renames it (the command office only: docs/portal.md).</summary>
    public async Task<DivisionInfo> RegisterCountyAsync(CurrentUser user, string code, string name, string cityCode, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(code));
        var grain = cluster.GetGrain<ICountyGrain>(code);
        EnsureCanRename(user, code, await grain.GetInfoAsync(), name);
        return await grain.RegisterAsync(name, cityCode, actor);
    }

    /// <summary>Registers a town (its county's officers or the command office), or renames it (the command office only).</summary>
    public async Task<DivisionInfo> RegisterTownAsync(CurrentUser user, string code, string name, string countyCode, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(code));
        var grain = cluster.GetGrain<ITownGrain>(code);
        EnsureCanRename(user, code, await grain.GetInfoAsync(), name);
        return await grain.RegisterAsync(name, countyCode, actor);
    }

    /// <summary>A registered division under a new name: only the command office of its city renames divisions.</summary>
    private void EnsureCanRename(CurrentUser user, string code, DivisionInfo? existing, string name)
    {
        if (existing is not null && existing.Name != name)
        {
            var city = DivisionCodes.IsTown(code) ? DivisionCodes.CityOf(DivisionCodes.CountyOf(code)) : DivisionCodes.CityOf(code);
            jurisdiction.Ensure(user, Access.Write, Resource.Division(city));
        }
    }

    /// <summary>The overview of a city, county or town, by the length and shape of its code.</summary>
    public Task<DivisionOverview> OverviewAsync(CurrentUser user, string code, PeriodQuery period)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(code));
        return Reader(code)(period);
    }

    /// <summary>The name of a division the user may read, or null when it is not registered.</summary>
    public async Task<DivisionInfo?> InfoAsync(CurrentUser user, string code)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(code));
        return DivisionCodes.IsCity(code) ? await cluster.GetGrain<ICityGrain>(code).GetInfoAsync()
            : DivisionCodes.IsTown(code) ? await cluster.GetGrain<ITownGrain>(code).GetInfoAsync()
            : await cluster.GetGrain<ICountyGrain>(code).GetInfoAsync();
    }

    /// <summary>Whether the user may read a division (the portal links only to what it may open).</summary>
    public bool CanRead(CurrentUser user, string code) => jurisdiction.Allows(user, Access.Read, Resource.Division(code));

    /// <summary>The divisions above <paramref name="code"/>, top first, that the user may open (for breadcrumbs).</summary>
    public async Task<IReadOnlyList<Crumb>> AncestorsAsync(CurrentUser user, string code)
    {
        var codes = new List<string>();
        if (DivisionCodes.IsTown(code))
        {
            codes.Add(DivisionCodes.CityOf(DivisionCodes.CountyOf(code)));
            codes.Add(DivisionCodes.CountyOf(code));
        }
        else if (!DivisionCodes.IsCity(code) && DivisionCodes.IsCounty(code))
        {
            codes.Add(DivisionCodes.CityOf(code));
        }

        var readable = codes.Where(c => jurisdiction.Allows(user, Access.Read, Resource.Division(c))).ToList();
        var infos = await Task.WhenAll(readable.Select(c => InfoAsync(user, c)));
        return infos.Where(i => i is not null).Select(i => new Crumb(i!.Code, i.Name)).ToList();
    }

    /// <summary>
    /// The amount completed in each month 1..<paramref name="month"/> of <paramref name="year"/>, with the same
    /// month of the year before. A division keeps year-to-date totals, so this reads the overview once per
    /// month (at most twelve reads of one grain, no project is touched) and takes differences.
    /// </summary>
    public async Task<IReadOnlyList<MonthPoint>> TrendAsync(CurrentUser user, string code, int year, int month)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(code));
        var read = Reader(code);
        var totals = await Task.WhenAll(Enumerable.Range(1, month).Select(async m => (await read(new PeriodQuery(year, m))).Totals));
        return Differences(totals);
    }

    /// <summary>
    /// Every project of a county or town for the period. For a county this reads each of its towns (one call
    /// each, side by side: towns are separate grains, so the fan-out spreads rather than queues).
    /// </summary>
    public async Task<IReadOnlyList<ProjectListItem>> ProjectsAsync(CurrentUser user, string code, PeriodQuery period)
    {
        var overview = await OverviewAsync(user, code, period);
        if (overview.Level == DivisionLevel.Town)
        {
            return overview.Projects.Select(p => new ProjectListItem(p, overview.Code, overview.Name)).ToList();
        }

        if (overview.Level != DivisionLevel.County)
        {
            return [];
        }

        var resolved = new PeriodQuery(overview.Totals.Year, overview.Totals.Month);
        var towns = await Task.WhenAll(overview.Children.Select(t => cluster.GetGrain<ITownGrain>(t.Code).GetOverviewAsync(resolved)));
        return towns.SelectMany(t => t.Projects.Select(p => new ProjectListItem(p, t.Code, t.Name))).ToList();
    }

    internal static IReadOnlyList<MonthPoint> Differences(IReadOnlyList<Totals> ytdByMonth)
    {
        var points = ImmutableArray.CreateBuilder<MonthPoint>(ytdByMonth.Count);
        for (var i = 0; i < ytdByMonth.Count; i++)
        {
            var t = ytdByMonth[i];
            var before = i == 0 ? null : ytdByMonth[i - 1];
            var completed = t.CompletedYtd - (before?.CompletedYtd ?? 0m);
            decimal? lastYear = t.LastYearSamePeriod is { } ly ? ly - (before?.LastYearSamePeriod ?? 0m) : null;
            points.Add(new MonthPoint(i + 1, completed, lastYear));
        }

        return points.ToImmutable();
    }

    private Func<PeriodQuery, Task<DivisionOverview>> Reader(string code) =>
        DivisionCodes.IsCity(code) ? cluster.GetGrain<ICityGrain>(code).GetOverviewAsync
        : DivisionCodes.IsTown(code) ? cluster.GetGrain<ITownGrain>(code).GetOverviewAsync
        : DivisionCodes.IsCounty(code) ? cluster.GetGrain<ICountyGrain>(code).GetOverviewAsync
        : throw DomainException.Invalid("code", $"{code} is not a division code.");
}
