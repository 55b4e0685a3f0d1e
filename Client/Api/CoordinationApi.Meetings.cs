using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>On-site office meetings (现场办公会) and directives (联动任务).</summary>
public static partial class CoordinationApi
{
    private const string MeetingsTag = "Coordination: meetings";
    private const string DirectivesTag = "Coordination: directives";

    public sealed record MeetingBody(
        string? CityCode,
        string? CountyCode,
        DateOnly? Date,
        string? Title,
        string? Host,
        IReadOnlyList<string?>? Attendees,
        int? Year,
        int? Month,
        string? Place);

    /// <summary>A matter as the meeting page lists it.</summary>
    public sealed record MeetingMatterJson(
        string Id,
        string Title,
        MatterStatus Status,
        bool Overdue,
        string RaisedBy,
        string RaisedByName,
        string Level,
        string? ProjectCode,
        DateOnly DueDate,
        IReadOnlyList<MatterDepartment> Departments,
        IReadOnlyList<Escalation> Escalations);

    /// <summary>GET /api/v1/meetings/{id}.</summary>
    public sealed record MeetingJson(
        string Id,
        string CityCode,
        string CountyCode,
        string CountyName,
        DateOnly Date,
        string Title,
        string Place,
        string Host,
        IReadOnlyList<string> Attendees,
        int Year,
        int Month,
        Totals CountyReport,
        DateTimeOffset ReportTakenAt,
        IReadOnlyList<MeetingMatterJson> Matters,
        IReadOnlyList<AuditEntry> History);

    public sealed record DirectiveBody(string? CityCode, string? Title, string? Detail, DateOnly? DueDate, IReadOnlyList<string?>? CountyCodes);

    public sealed record SplitBody(IReadOnlyList<string?>? TownCodes);

    public sealed record ProgressBody(decimal? Percent, string? Note);

    private static async Task<Results<Created<MeetingJson>, ValidationProblem>> OpenMeeting(MeetingBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateMeeting(body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await coordination.OpenMeetingAsync(http.CurrentUser(), body);
        return TypedResults.Created($"/api/v1/meetings/{view.Id}", MeetingJsonOf(view));
    }

    private static async Task<Results<Created<MatterView>, ValidationProblem>> RaiseMeetingMatter(
        string id, MatterBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = Validate(body).Require(CoordinationIds.IsWellFormed(id), "id", "Not a meeting id.");
        errors.Require(body.MeetingId is null || body.MeetingId == id, "meetingId", "A matter raised at a meeting takes the meeting from the path.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await coordination.RaiseAsync(http.CurrentUser(), body, id);
        return TypedResults.Created($"/api/v1/matters/{view.Id}", view);
    }

    private static async Task<Results<Ok<MeetingJson>, ValidationProblem>> GetMeeting(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "Not a meeting id.").ToResult();
        }

        return TypedResults.Ok(MeetingJsonOf(await coordination.GetMeetingViewAsync(http.CurrentUser(), id)));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> GetMeetingMinutes(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "Not a meeting id.").ToResult();
        }

        return TypedResults.Text(await coordination.GetMinutesAsync(http.CurrentUser(), id), "text/markdown; charset=utf-8");
    }

    private static async Task<Results<Created<DirectiveView>, ValidationProblem>> IssueDirective(DirectiveBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateDirective(body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await coordination.IssueDirectiveAsync(http.CurrentUser(), body);
        return TypedResults.Created($"/api/v1/directives/{view.Id}", view);
    }

    private static async Task<Results<Ok<DirectiveView>, ValidationProblem>> SplitDirective(
        string id, string countyCode, SplitBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateSplit(id, countyCode, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var towns = body.TownCodes!.Select(t => t!).ToList();
        return TypedResults.Ok(await coordination.SplitDirectiveAsync(http.CurrentUser(), id, countyCode, towns));
    }

    private static async Task<Results<Ok<DirectiveView>, ValidationProblem>> ReportDirectiveProgress(
        string id, string code, ProgressBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateProgress(id, code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(await coordination.ReportProgressAsync(http.CurrentUser(), id, code, body.Percent!.Value, body.Note));
    }

    private static async Task<Results<Ok<DirectiveView>, ValidationProblem>> GetDirective(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "Not a directive id.").ToResult();
        }

        return TypedResults.Ok(await coordination.GetDirectiveAsync(http.CurrentUser(), id));
    }

    private static MeetingJson MeetingJsonOf(MeetingView v) => new(
        v.Id, v.CityCode, v.CountyCode, v.CountyName, v.Date, v.Title, v.Place, v.Host, v.Attendees, v.Year, v.Month, v.CountyReport, v.ReportTakenAt,
        v.Matters.Select(m => new MeetingMatterJson(m.Id, m.Title, m.Status, m.Overdue, m.RaisedBy, m.RaisedByName, m.Level, m.ProjectCode, m.DueDate,
            m.Departments, m.Escalations)).ToList(),
        v.History);

    /// <summary>The field rules of opening a meeting (the API and the portal's meeting form).</summary>
    internal static FieldErrors ValidateMeeting(MeetingBody body)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", RuleMessage.Of("CityCode", "A city code is six digits ending in 00."))
            .Require(DivisionCodes.IsCounty(body.CountyCode) && !DivisionCodes.IsCity(body.CountyCode), "countyCode", RuleMessage.Of("CountyCode", "A county code is six digits."))
            .Require(body.Date is { Year: >= 2000 and <= 2100 }, "date", RuleMessage.Of("MeetingDateRequired", "The meeting date is required (yyyy-MM-dd)."))
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 200, "title", RuleMessage.Of("TitleRequired", "The title is required (at most {0} characters).", 200))
            .Require(!string.IsNullOrWhiteSpace(body.Host) && body.Host.Length <= 100, "host", RuleMessage.Of("MeetingHostRequired", "The host is required, by title (e.g. 市委书记)."))
            .Require(body.Year is >= 2000 and <= 2100, "year", RuleMessage.Of("MeetingReportYear", "The report year is required (2000–2100)."))
            .Require(body.Month is >= 1 and <= 12, "month", RuleMessage.Of("MeetingReportMonth", "The report month is required (1–12)."))
            .Require(body.Place is null || body.Place.Length <= 200, "place", RuleMessage.Of("AtMost", "At most {0} characters.", 200));
        if (!errors.Any && !DivisionCodes.CountyBelongsTo(body.CountyCode!, body.CityCode!))
        {
            errors.Add("countyCode", RuleMessage.Of("CountySharesCity", "A county code shares its city's first four digits."));
        }

        var attendees = body.Attendees ?? [];
        errors.List("attendees", attendees, InputLimits.MaxItems, InputLimits.MaxName);
        return errors;
    }

    /// <summary>The field rules of issuing a directive (the API and the portal's directive form).</summary>
    internal static FieldErrors ValidateDirective(DirectiveBody body)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", RuleMessage.Of("CityCode", "A city code is six digits ending in 00."))
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 200, "title", RuleMessage.Of("TitleRequired", "The title is required (at most {0} characters).", 200))
            .Require(body.Detail is null || body.Detail.Length <= InputLimits.MaxText, "detail", RuleMessage.Of("AtMost", "At most {0} characters.", InputLimits.MaxText))
            .Require(body.DueDate is { Year: >= 2000 and <= 2100 }, "dueDate", RuleMessage.Of("DueDateRequired", "The due date is required (yyyy-MM-dd)."))
            .Require(body.CountyCodes is { Count: > 0 and <= 50 }, "countyCodes", RuleMessage.Of("DirectiveCounties", "Name between one and fifty counties."));
        var counties = body.CountyCodes ?? [];
        for (var i = 0; i < counties.Count; i++)
        {
            errors.Require(DivisionCodes.IsCounty(counties[i]) && !DivisionCodes.IsCity(counties[i]) &&
                           (!DivisionCodes.IsCity(body.CityCode) || DivisionCodes.CountyBelongsTo(counties[i]!, body.CityCode!)),
                $"countyCodes[{i}]", RuleMessage.Of("DirectiveCountyOfCity", "A county of the city: six digits sharing the city's first four."));
        }

        return errors;
    }

    /// <summary>The field rules of splitting a county's share (the API and the portal's split form).</summary>
    internal static FieldErrors ValidateSplit(string id, string countyCode, SplitBody body)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(id), "id", "Not a directive id.")
            .Require(DivisionCodes.IsCounty(countyCode) && !DivisionCodes.IsCity(countyCode), "countyCode", RuleMessage.Of("CountyCode", "A county code is six digits."))
            .Require(body.TownCodes is { Count: > 0 and <= 100 }, "townCodes", RuleMessage.Of("DirectiveTowns", "Name between one and a hundred towns."));
        var towns = body.TownCodes ?? [];
        for (var i = 0; i < towns.Count; i++)
        {
            errors.Require(DivisionCodes.IsTown(towns[i]) && DivisionCodes.TownBelongsTo(towns[i]!, countyCode), $"townCodes[{i}]",
                RuleMessage.Of("DirectiveTownOfCounty", "A town of county {0}: nine digits starting with its code.", countyCode));
        }

        return errors;
    }

    /// <summary>The field rules of a share's progress (the API and the portal's progress form).</summary>
    internal static FieldErrors ValidateProgress(string id, string code, ProgressBody body) =>
        new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(id), "id", "Not a directive id.")
            .Require(DivisionCodes.IsCounty(code) || DivisionCodes.IsTown(code), "code", RuleMessage.Of("DirectiveCode", "code is the division code of a county or a town."))
            .Require(body.Percent is >= 0m and <= 100m, "percent", RuleMessage.Of("DirectivePercent", "Progress is a percentage between 0 and 100."))
            .Require(body.Note is null || body.Note.Length <= 2000, "note", RuleMessage.Of("AtMost", "At most {0} characters.", 2000));
}
