using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Briefings;
using Liandong.Coordination;
using Jurisdiction = Liandong.Client.Auth.Jurisdiction;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>
/// Gathers the month's 通报 (briefing) of a city: its overview, the county ranking, the leaders' linked projects, the
/// overdue matters of the city's index and the new starts not begun (one read per town). Every account of the city
/// may read it: the city publishes it.
/// </summary>
public sealed class BriefingService(IClusterClient cluster, Jurisdiction jurisdiction, RankingService rankings, TimeProvider time)
{
    public async Task<Briefing> BuildAsync(CurrentUser user, string cityCode, int year, int month)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        var period = new PeriodQuery(year, month);
        var city = await cluster.GetGrain<ICityGrain>(cityCode).GetOverviewAsync(period);
        var ranking = await rankings.RankingAsync(user, cityCode, RankingLevel.County, null, period);

        var leadersTask = LeaderProjectsAsync(cityCode, period);
        var overdueTask = OverdueByDepartmentAsync(cityCode);
        var notStartedTask = NotStartedAsync(city, period);
        await Task.WhenAll(leadersTask, overdueTask, notStartedTask);

        return new Briefing(cityCode, city.Name, year, month, city.Totals, ranking, city.Children,
            leadersTask.Result, overdueTask.Result, notStartedTask.Result, time.GetUtcNow());
    }

    private async Task<ImmutableArray<LeaderProjectLine>> LeaderProjectsAsync(string cityCode, PeriodQuery period)
    {
        var leaders = await cluster.GetGrain<ILeaderIndexGrain>(cityCode).ListAsync();
        var views = await Task.WhenAll(leaders.Where(l => l.ProjectCodes.Length > 0).Select(l => cluster.GetGrain<ILeaderGrain>(l.Id).GetAsync(period)));
        var month = period.Month!.Value;
        return views.SelectMany(v => v.Projects.Select(p => new LeaderProjectLine(v.Title, p.Code, p.Name, p.CompletedYtd, p.AnnualPlan, p.Light,
                PaceOf(p.CompletedYtd, p.AnnualPlan, month, p.Light))))
            .OrderBy(p => p.Pace).ThenBy(p => p.LeaderTitle, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Ahead at or above M/12 of the plan; on pace when below it with a green light; otherwise behind.</summary>
    internal static Pace PaceOf(decimal ytd, decimal plan, int month, Light? light) =>
        plan > 0m && ytd >= plan * month / 12m ? Pace.Ahead
        : light is Light.Yellow or Light.Red ? Pace.Behind
        : Pace.OnPace;

    private async Task<ImmutableArray<DepartmentOverdue>> OverdueByDepartmentAsync(string cityCode)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var matters = (await cluster.GetGrain<IMatterIndexGrain>(cityCode).ListAsync(null)).Select(m => m.AsOf(today)).Where(m => m.Overdue).ToList();
        var departments = matters.SelectMany(m => m.PendingDepartments).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var infos = await Task.WhenAll(departments.Select(d => cluster.GetGrain<IDepartmentGrain>(d).GetInfoAsync()));
        return departments.Select((d, i) => new DepartmentOverdue(d, infos[i]?.Name ?? d,
                matters.Where(m => m.PendingDepartments.Contains(d)).Select(m => m.Title).ToImmutableArray()))
            .OrderByDescending(d => d.MatterTitles.Length)
            .ToImmutableArray();
    }

    private async Task<ImmutableArray<NotStartedLine>> NotStartedAsync(DivisionOverview city, PeriodQuery period)
    {
        var counties = await Task.WhenAll(city.Children.Select(c => cluster.GetGrain<ICountyGrain>(c.Code).GetOverviewAsync(period)));
        var lines = new List<NotStartedLine>();
        foreach (var chunk in counties.SelectMany(c => c.Children.Select(t => (County: c, Town: t))).Chunk(32))
        {
            var towns = await Task.WhenAll(chunk.Select(async x => (x.County, Town: await cluster.GetGrain<ITownGrain>(x.Town.Code).GetOverviewAsync(period))));
            lines.AddRange(towns.SelectMany(x => x.Town.Projects
                .Where(p => p.Stage == ProjectStage.NewStart && p.AnnualPlan > 0m && p.CompletedYtd == 0m)
                .Select(p => new NotStartedLine(p.Code, p.Name, x.County.Name, x.Town.Name, p.AnnualPlan))));
        }

        return [.. lines.OrderBy(l => l.CountyName, StringComparer.Ordinal).ThenBy(l => l.Code, StringComparer.Ordinal)];
    }
}
