using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>A project whose month's report has not arrived by the due day.</summary>
public sealed record MissingReport(string Code, string Name, string TownCode, string TownName, ProjectStage Stage);

/// <summary>
/// The city's rules and rankings (比学赶超): its light rule, its ranking rules, and the monthly rankings. Reading
/// a ranking or the rules is open to every account of the city (the city publishes them); changing the rules is the
/// command office's; the towns of a county are ranked for those who may read that county.
/// </summary>
public sealed class RankingService(IClusterClient cluster, Jurisdiction jurisdiction, TimeProvider time)
{
    public Task<LightRuleBook> LightRulesAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        return cluster.GetGrain<ILightRuleGrain>(cityCode).GetAsync();
    }

    public Task<LightRuleBook> SetLightRuleAsync(CurrentUser user, string cityCode, CityLightRule rule)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        return cluster.GetGrain<ILightRuleGrain>(cityCode).SetAsync(rule, user.Username);
    }

    public Task<RankingRuleBook> RankingRulesAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        return cluster.GetGrain<IRankingRulesGrain>(cityCode).GetAsync();
    }

    public Task<RankingRuleBook> SetRankingRulesAsync(CurrentUser user, string cityCode, RankingRules rules)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        return cluster.GetGrain<IRankingRulesGrain>(cityCode).SetAsync(rules, user.Username);
    }

    /// <summary>Whether the user may change the city's rules (the portal shows the forms only then).</summary>
    public bool CanSetRules(CurrentUser user, string cityCode) => jurisdiction.Allows(user, Access.Write, Resource.Division(cityCode));

    /// <summary>
    /// A month's ranking; without a period, the latest month the city has reports for. Towns are ranked within
    /// <paramref name="countyCode"/>, readable by whoever may read that county.
    /// </summary>
    public async Task<MonthRanking> RankingAsync(CurrentUser user, string cityCode, RankingLevel level, string? countyCode, PeriodQuery period)
    {
        if (level == RankingLevel.Town && countyCode is not null)
        {
            jurisdiction.Ensure(user, Access.Read, Resource.Division(countyCode));
        }
        else
        {
            jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        }

        var (year, month) = await ResolveAsync(cityCode, period);
        return await cluster.GetGrain<IRankingGrain>(cityCode).GetAsync(level, countyCode, year, month);
    }

    /// <summary>The period asked for, or the latest month the city has reports for (one read of the city).</summary>
    public async Task<(int Year, int Month)> ResolveAsync(string cityCode, PeriodQuery period)
    {
        if (period.Year is { } y && period.Month is { } m)
        {
            return (y, m);
        }

        var overview = await cluster.GetGrain<ICityGrain>(cityCode).GetOverviewAsync(period);
        return (overview.Totals.Year, overview.Totals.Month);
    }

    /// <summary>
    /// The projects of a county (or of one town: give its code) without the month's report. Each town answers from the
    /// report counts of its projects' snapshots: one call per town, no project is read. Empty before the due day has
    /// passed (<see cref="MissingReports.DueDate"/>) unless <paramref name="evenBeforeDue"/>: then it lists what is due soon.
    /// </summary>
    public async Task<MissingReports> MissingReportsAsync(CurrentUser user, string divisionCode, PeriodQuery period, bool evenBeforeDue = false)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(divisionCode));
        var town = DivisionCodes.IsTown(divisionCode) ? divisionCode : null;
        var countyCode = town is null ? divisionCode : DivisionCodes.CountyOf(town);
        var county = cluster.GetGrain<ICountyGrain>(countyCode);
        var overview = await county.GetOverviewAsync(period);
        if (town is not null && overview.Children.All(t => t.Code != town))
        {
            throw DomainException.NotFound($"Town {town} is not registered.");
        }

        var (year, month) = (overview.Totals.Year, overview.Totals.Month);
        var book = await cluster.GetGrain<ILightRuleGrain>(DivisionCodes.CityOf(countyCode)).GetAsync();
        var next = new YearMonth(year, month).Index + 1;
        var due = new DateOnly(next / 12, next % 12 + 1, book.RuleFor(year, month).ReportDueDay);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (today <= due && !evenBeforeDue)
        {
            return new MissingReports(year, month, due, false, []);
        }

        var towns = await Task.WhenAll(overview.Children.Where(t => town is null || t.Code == town).Select(async t =>
            (Town: t, Missing: await cluster.GetGrain<ITownGrain>(t.Code).GetMissingReportsAsync(year, month))));
        var projects = towns
            .SelectMany(t => t.Missing.Select(p => new MissingReport(p.Code, p.Name, t.Town.Code, t.Town.Name, p.Stage)))
            .ToImmutableArray();
        return new MissingReports(year, month, due, today > due, projects);
    }
}

/// <summary>The month's missing reports of a county: the due date, whether it has passed, and the projects.</summary>
public sealed record MissingReports(int Year, int Month, DateOnly DueDate, bool PastDue, ImmutableArray<MissingReport> Projects);
