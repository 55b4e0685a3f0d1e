using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Grains.Finance;
using Liandong.Hierarchy;
using Liandong.Grains.Coordination;
using Liandong.Tasks;

namespace Liandong.Grains.Tasks;

/// <summary>
/// What work each kind of grain leaves for whom, derived from its persisted state alone. A grain's push sends every
/// owner it has ever had work for the current truth (open or done), so finished work leaves the list with the same
/// push that records it, and a repeated or late push changes nothing (each carries the grain's version).
/// </summary>
public static class TaskRules
{
    /// <summary>A matter: each assigned department answers it; the raiser's side confirms it once answered.</summary>
    public static IEnumerable<(string Owner, WorkTask Task)> OfMatter(string id, MatterState s)
    {
        if (!s.Raised)
        {
            yield break;
        }

        var link = "/matters/" + id;
        var city = s.Jurisdictions.IsDefaultOrEmpty ? null : s.Jurisdictions[^1];
        foreach (var d in s.Departments)
        {
            var pending = s.Status != MatterStatus.Resolved && !d.HasAnsweredRound(s.Round);
            yield return (TaskOwners.Department(d.Id), new WorkTask(TaskKinds.AnswerMatter, id, s.Title!, s.DueDate, link, pending, s.Version, city, d.Id));
        }

        var raiser = s.Jurisdictions.IsDefaultOrEmpty ? s.RaisedBy : s.Jurisdictions[0];
        yield return (TaskOwners.Division(raiser),
            new WorkTask(TaskKinds.ConfirmMatter, id, s.Title!, null, link, s.Status == MatterStatus.Answered, s.Version));
    }

    /// <summary>A directive: a county splits its share (or reports it) until it is split or done; a town reports until done.</summary>
    public static IEnumerable<(string Owner, WorkTask Task)> OfDirective(string id, DirectiveState s)
    {
        if (s.Draft is not { } d)
        {
            yield break;
        }

        var link = "/directives/" + id;
        foreach (var county in s.Counties)
        {
            yield return (TaskOwners.Division(county.Code),
                new WorkTask(TaskKinds.SplitDirective, id, d.Title, d.DueDate, link, !county.Split && county.OwnPercent < 100m, s.Version, d.CityCode, county.Code));
            foreach (var town in county.Towns)
            {
                yield return (TaskOwners.Division(town.Code),
                    new WorkTask(TaskKinds.ReportDirective, id, d.Title, d.DueDate, link, town.Percent < 100m, s.Version, d.CityCode, county.Code));
            }
        }
    }

    /// <summary>
    /// A financing request: the county recommends it; each bank it was sent to offers or declines (due five working
    /// days after it was sent); the enterprise accepts an offer; the accepting bank disburses.
    /// </summary>
    public static IEnumerable<(string Owner, WorkTask Task)> OfFinancing(string id, FinancingState s)
    {
        if (s.ProjectCode is null)
        {
            yield break;
        }

        var link = "/financing/" + id;
        var title = s.ProjectName;
        var county = DivisionCodes.CountyOf(s.TownCode);
        var city = DivisionCodes.CityOf(county);
        yield return (TaskOwners.Division(county),
            new WorkTask(TaskKinds.RecommendFinancing, id, title, null, link, s.Status == FinancingStatus.Submitted, s.Version));
        foreach (var bank in s.Banks)
        {
            var waiting = bank.Status == BankRequestStatus.Recommended && s.AcceptedOfferId is null;
            yield return (TaskOwners.Bank(bank.BankCode),
                new WorkTask(TaskKinds.OfferFinancing, id, title, AddWorkingDays(DateOnly.FromDateTime(bank.SentAt.UtcDateTime), 5), link, waiting, s.Version, city, county));
        }

        var offered = s.AcceptedOfferId is null && s.Offers.Any(o => o.Status == OfferStatus.Open);
        yield return (TaskOwners.Enterprise(s.CreditCode), new WorkTask(TaskKinds.AcceptOffer, id, title, null, link, offered, s.Version));

        var accepted = s.Offers.FirstOrDefault(o => o.Id == s.AcceptedOfferId);
        if (accepted is not null)
        {
            yield return (TaskOwners.Bank(accepted.BankCode),
                new WorkTask(TaskKinds.Disburse, id, title, null, link, s.Status == FinancingStatus.Accepted, s.Version));
        }
    }

    // ---- Monthly reports (issue 12) ----

    /// <summary>
    /// A county's monthly reports for <paramref name="month"/>, due on <paramref name="dueDate"/>: each town with projects
    /// that have not reported has a "due soon" task until the due day and a "missing" one after it; the county has one of
    /// each summing its towns. Only the county's "due soon" task reminds a robot (the county's), so the robot hears of a
    /// month once. A town with every report in has both closed; every task carries the county's push version.
    /// </summary>
    public static IEnumerable<(string Owner, WorkTask Task)> OfMonthlyReports(string countyCode, Liandong.Reporting.YearMonth month, DateOnly dueDate,
        DateOnly today, IReadOnlyList<TownReportsDue> towns, long version)
    {
        var city = DivisionCodes.CityOf(countyCode);
        var pastDue = today > dueDate;
        var subject = $"{month.Year}-{month.Month:D2}";
        var query = $"?year={month.Year}&month={month.Month}";
        var head = $"{month.Year}年{month.Month}月项目月报";
        var due = $"{dueDate.Month}月{dueDate.Day}日前报送";
        foreach (var town in towns)
        {
            var open = !town.Missing.IsDefaultOrEmpty;
            var names = open ? string.Join("、", town.Missing.Take(3)) + (town.Missing.Length > 3 ? $"等{town.Missing.Length}个项目" : "") : "";
            var title = $"{head}：{names}未报送（{due}）";
            var link = "/missing-reports/" + town.Code + query;
            var facts = open ? new ReportTaskFacts(month.Year, month.Month, town.Missing.Length, [.. town.Missing.Take(3)], []) : null;
            yield return (TaskOwners.Division(town.Code),
                new WorkTask(TaskKinds.ReportsDueSoon, town.Code + "/" + subject, title, dueDate, link, open && !pastDue, version, Report: facts));
            yield return (TaskOwners.Division(town.Code),
                new WorkTask(TaskKinds.ReportsMissing, town.Code + "/" + subject, title, dueDate, link, open && pastDue, version, Report: facts));
        }

        var late = towns.Where(t => !t.Missing.IsDefaultOrEmpty).ToList();
        var count = late.Sum(t => t.Missing.Length);
        var countyTitle = $"{head}：{count}个项目未报送（{string.Join("、", late.Select(t => $"{t.Name}{t.Missing.Length}个"))}），{due}";
        var countyLink = "/missing-reports/" + countyCode + query;
        var countyFacts = count > 0
            ? new ReportTaskFacts(month.Year, month.Month, count, [.. late.Select(t => t.Name)], [.. late.Select(t => t.Missing.Length)])
            : null;
        yield return (TaskOwners.Division(countyCode),
            new WorkTask(TaskKinds.ReportsDueSoon, countyCode + "/" + subject, countyTitle, dueDate, countyLink, count > 0 && !pastDue, version, city, countyCode,
                countyFacts));
        yield return (TaskOwners.Division(countyCode),
            new WorkTask(TaskKinds.ReportsMissing, countyCode + "/" + subject, countyTitle, dueDate, countyLink, count > 0 && pastDue, version, Report: countyFacts));
    }

    /// <summary>The month whose reports fall due in the month of <paramref name="today"/>, and its due date by the city's rule book.</summary>
    public static (Liandong.Reporting.YearMonth Month, DateOnly DueDate) MonthlyReportDue(Liandong.Reporting.LightRuleBook book, DateOnly today)
    {
        var month = new Liandong.Reporting.YearMonth(today.Year, today.Month).Previous;
        var day = Math.Min(book.RuleFor(month.Year, month.Month).ReportDueDay, DateTime.DaysInMonth(today.Year, today.Month));
        return (month, new DateOnly(today.Year, today.Month, day));
    }

    // ---- Investment promotion (issue 11) ----

    /// <summary>
    /// A lead past one of its timed-handling deadlines (docs/promotion.md): its county's officers (the city's command
    /// office for a city-level lead) and its responsible leader's office follow it up, from the earliest deadline it
    /// missed, until a follow-up or a stage move meets it (or the lead closes). The link opens the lead's follow-up form.
    /// </summary>
    public static IEnumerable<(string Owner, WorkTask Task)> OfLead(string id, Liandong.Grains.Promotion.LeadState s)
    {
        if (s.Draft is not { } d)
        {
            yield break;
        }

        var link = "/leads/" + id + "#followup";
        var open = s.Overdue && !s.Closed;
        var city = DivisionCodes.CityOf(d.CountyCode);
        var cityLevel = DivisionCodes.IsCity(d.CountyCode);
        yield return (TaskOwners.Division(d.CountyCode),
            new WorkTask(TaskKinds.FollowUpLead, id, d.Name, s.OverdueSince, link, open, s.Version, city, cityLevel ? null : d.CountyCode));
        if (d.ResponsibleLeaderId is { } leader)
        {
            yield return (TaskOwners.Leader(leader), new WorkTask(TaskKinds.FollowUpLead, id, d.Name, s.OverdueSince, link, open, s.Version));
        }
    }

    /// <summary>The date <paramref name="days"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days--;
            }
        }

        return date;
    }

    /// <summary>Sends the tasks to their owners' indexes, one call per owner.</summary>
    public static Task PushAsync(IGrainFactory grains, IEnumerable<(string Owner, WorkTask Task)> tasks) =>
        Task.WhenAll(tasks.GroupBy(t => t.Owner)
            .Select(g => grains.GetGrain<ITaskIndexGrain>(g.Key).TrackAsync([.. g.Select(t => t.Task)])));
}
