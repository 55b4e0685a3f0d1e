using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Liandong.Client.Api;

/// <summary>
/// The coordination flows (API.md "Coordination"): departments and matters here; meetings, directives, leaders and
/// visits in the other parts of this class. Bodies are checked field by field before a grain is called; the grains
/// check again and own the rules that need state (409s and 404s).
/// </summary>
public static partial class CoordinationApi
{
    private const string MattersTag = "Coordination: matters";

    public sealed record DepartmentBody(string? Name, string? CityCode);

    public sealed record MatterBody(
        string? Title,
        string? Detail,
        string? RaisedBy,
        string? ProjectCode,
        string? AddressedTo,
        IReadOnlyList<string?>? Departments,
        DateOnly? DueDate,
        string? MeetingId,
        string? VisitId);

    public sealed record AnswerBody(string? DepartmentId, string? Text);

    public sealed record ResolveBody(string? Note);

    public sealed record ReopenBody(string? Reason, DateOnly? DueDate);

    public sealed record DepartmentJson(string Id, string Name, string CityCode);

    /// <summary>The coordination route table; the handlers follow, each going through <see cref="CoordinationService"/>.</summary>
    public static RouteGroupBuilder MapCoordinationApi(this RouteGroupBuilder api)
    {
        api.MapPut("/departments/{id}", PutDepartment)
            .WithName("PutDepartment").WithSummary("Registers a city department (市直单位) or renames it.").WithTags(MattersTag);
        api.MapGet("/departments/{id}", GetDepartment)
            .WithName("GetDepartment").WithSummary("The department.").WithTags(MattersTag);
        api.MapGet("/departments/{id}/matters", GetDepartmentMatters)
            .WithName("GetDepartmentMatters").WithSummary("The matters assigned to the department, newest first; ?status=open|answered|resolved|reopened.").WithTags(MattersTag);
        api.MapPost("/matters", RaiseMatter)
            .WithName("RaiseMatter").WithSummary("Raises a matter (事项) to the level above the raiser, or to the city.").WithTags(MattersTag);
        api.MapGet("/matters/{id}", GetMatter)
            .WithName("GetMatter").WithSummary("The matter with every department's answer, its escalations and its history.").WithTags(MattersTag);
        api.MapPost("/matters/{id}/answers", AnswerMatter)
            .WithName("AnswerMatter").WithSummary("Records a department's answer; a department the matter is not assigned to is a 409.").WithTags(MattersTag);
        api.MapPost("/matters/{id}/resolve", ResolveMatter)
            .WithName("ResolveMatter").WithSummary("The raiser confirms the matter resolved (办结); resolving a resolved matter is a 409.").WithTags(MattersTag);
        api.MapPost("/matters/{id}/reopen", ReopenMatter)
            .WithName("ReopenMatter").WithSummary("The raiser reopens an answered or resolved matter, optionally with a new due date.").WithTags(MattersTag);
        MapJurisdictionList(api, "matters", "GetMatters", "Matters raised in or addressed to that jurisdiction and below; ?status=S.", MattersTag,
            (coordination, user, code, status) => coordination.MattersOfAsync(user, code, status), withStatus: true);

        api.MapPost("/meetings", OpenMeeting)
            .WithName("OpenMeeting").WithSummary("Opens an on-site office meeting at a county and freezes the county's report for 1–M月 of Y.").WithTags(MeetingsTag);
        api.MapPost("/meetings/{id}/matters", RaiseMeetingMatter)
            .WithName("RaiseMeetingMatter").WithSummary("Raises a matter at the meeting; it is linked to the meeting and appears in its minutes.").WithTags(MeetingsTag);
        api.MapGet("/meetings/{id}", GetMeeting)
            .WithName("GetMeeting").WithSummary("The meeting with its frozen county report and its matters.").WithTags(MeetingsTag);
        api.MapGet("/meetings/{id}/minutes", GetMeetingMinutes)
            .WithName("GetMeetingMinutes").WithSummary("The minutes (纪要) as Chinese Markdown: every matter with every answer and its status.").WithTags(MeetingsTag)
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        MapJurisdictionList(api, "meetings", "GetMeetings", "The meetings held in the city or at the county, newest first.", MeetingsTag,
            (coordination, user, code, _) => coordination.MeetingsOfRegisteredAsync(user, code), withStatus: false, towns: false);

        api.MapPost("/directives", IssueDirective)
            .WithName("IssueDirective").WithSummary("The city issues a directive (联动任务) to chosen counties.").WithTags(DirectivesTag);
        api.MapPost("/directives/{id}/counties/{countyCode}/towns", SplitDirective)
            .WithName("SplitDirective").WithSummary("A county splits its share among its towns; a town outside the county is a 400.").WithTags(DirectivesTag);
        api.MapPut("/directives/{id}/progress/{code}", ReportDirectiveProgress)
            .WithName("ReportDirectiveProgress").WithSummary("An assigned county, or a town it split to, reports progress; any other code is a 409.").WithTags(DirectivesTag);
        api.MapGet("/directives/{id}", GetDirective)
            .WithName("GetDirective").WithSummary("The directive: the mean of its counties, each county the mean of its towns once split, and what is overdue.").WithTags(DirectivesTag);
        MapJurisdictionList(api, "directives", "GetDirectives", "Directives that reach that jurisdiction, with its own share's progress.", DirectivesTag,
            (coordination, user, code, _) => coordination.DirectivesOfRegisteredAsync(user, code), withStatus: false);

        api.MapPut("/leaders/{id}", PutLeader)
            .WithName("PutLeader").WithSummary("Registers a leader of the four leading bodies, by title.").WithTags(LeadersTag);
        api.MapGet("/leaders/{id}", GetLeader)
            .WithName("GetLeader").WithSummary("The leader's page: linked projects with lights and open matters, and site visits.").WithTags(LeadersTag);
        api.MapPut("/projects/{code}/leader", PutProjectLeader)
            .WithName("PutProjectLeader").WithSummary("Links the project to a leader (四套班子领导联系重点项目制度).").WithTags(LeadersTag);
        MapJurisdictionList(api, "leaders", "GetLeaders", "The city's leaders with their linked projects.", LeadersTag,
            (coordination, user, code, _) => coordination.LeadersOfRegisteredAsync(user, code), withStatus: false, counties: false, towns: false);
        api.MapPost("/visits", RecordVisit)
            .WithName("RecordVisit").WithSummary("Records a leader's site visit; matters may then name it with visitId.").WithTags(LeadersTag);
        api.MapGet("/visits/{id}", GetVisit)
            .WithName("GetVisit").WithSummary("The visit with its findings and the matters that arose from it.").WithTags(LeadersTag);
        return api;
    }

    private static async Task<Results<Created<DepartmentJson>, Ok<DepartmentJson>, ValidationProblem>> PutDepartment(
        string id, DepartmentBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsDepartmentId(id), "id", "A department id is {cityCode}-{slug}, the slug lower-case letters, digits and dashes, e.g. 440800-zrzyj.")
            .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Length <= 100, "name", "Name is required (at most 100 characters).")
            .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00.");
        if (!errors.Any && CoordinationIds.CityOfDepartment(id) != body.CityCode)
        {
            errors.Add("cityCode", "A department id starts with its city's code.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var info = await coordination.RegisterDepartmentAsync(http.CurrentUser(), id, body.Name!.Trim(), body.CityCode!);
        var json = new DepartmentJson(info.Id, info.Name, info.CityCode);
        return info.Created ? TypedResults.Created($"/api/v1/departments/{id}", json) : TypedResults.Ok(json);
    }

    private static async Task<Results<Ok<DepartmentJson>, ValidationProblem>> GetDepartment(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsDepartmentId(id))
        {
            return new FieldErrors().Add("id", "A department id is {cityCode}-{slug}.").ToResult();
        }

        var info = await coordination.GetDepartmentAsync(http.CurrentUser(), id);
        return TypedResults.Ok(new DepartmentJson(info.Id, info.Name, info.CityCode));
    }

    private static async Task<Results<Ok<ImmutableArray<MatterSummary>>, ValidationProblem>> GetDepartmentMatters(
        string id, string? status, CoordinationService coordination, HttpContext http)
    {
        var errors = new FieldErrors().Require(CoordinationIds.IsDepartmentId(id), "id", "A department id is {cityCode}-{slug}.");
        var filter = ReadStatus(status, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(await coordination.MattersOfDepartmentAsync(http.CurrentUser(), id, filter));
    }

    private static async Task<Results<Created<MatterView>, ValidationProblem>> RaiseMatter(MatterBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = Validate(body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await coordination.RaiseAsync(http.CurrentUser(), body, body.MeetingId);
        return TypedResults.Created($"/api/v1/matters/{view.Id}", view);
    }

    private static async Task<Results<Ok<MatterView>, ValidationProblem>> GetMatter(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "Not a matter id.").ToResult();
        }

        return TypedResults.Ok(await coordination.GetMatterAsync(http.CurrentUser(), id));
    }

    private static async Task<Results<Ok<MatterView>, ValidationProblem>> AnswerMatter(string id, AnswerBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(id), "id", "Not a matter id.")
            .Require(CoordinationIds.IsDepartmentId(body.DepartmentId), "departmentId", RuleMessage.Of("MatterAnsweringDepartment", "The answering department's id, e.g. 440800-zrzyj."))
            .Require(!string.IsNullOrWhiteSpace(body.Text) && body.Text.Length <= InputLimits.MaxText, "text", RuleMessage.Of("MatterAnswer", "The answer is required (at most {0} characters).", InputLimits.MaxText));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(await coordination.AnswerAsync(http.CurrentUser(), id, body.DepartmentId!, body.Text!));
    }

    private static async Task<Results<Ok<MatterView>, ValidationProblem>> ResolveMatter(
        string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ResolveBody? body, CoordinationService coordination, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(id), "id", "Not a matter id.")
            .Require(body?.Note is null || body.Note.Length <= InputLimits.MaxText, "note", RuleMessage.Of("AtMost", "At most {0} characters.", InputLimits.MaxText));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(await coordination.ResolveAsync(http.CurrentUser(), id, body?.Note));
    }

    private static async Task<Results<Ok<MatterView>, ValidationProblem>> ReopenMatter(string id, ReopenBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateReopen(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(await coordination.ReopenAsync(http.CurrentUser(), id, body.Reason!, body.DueDate));
    }

    /// <summary>Maps GET /{cities,counties,towns}/{code}/{what}: the code is checked for its level; the service checks access, then that the division exists.</summary>
    private static void MapJurisdictionList<T>(RouteGroupBuilder api, string what, string name, string summary, string tag,
        Func<CoordinationService, CurrentUser, string, MatterStatus?, Task<T>> list, bool withStatus, bool counties = true, bool towns = true)
    {
        var levels = new List<(string Segment, string Name, Func<string, bool> IsCode, string Rule)>
        {
            ("cities", "City", DivisionCodes.IsCity, "A city code is six digits ending in 00."),
        };
        if (counties)
        {
            levels.Add(("counties", "County", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."));
        }

        if (towns)
        {
            levels.Add(("towns", "Town", DivisionCodes.IsTown, "A town code is nine digits."));
        }

        foreach (var level in levels)
        {
            api.MapGet($"/{level.Segment}/{{code}}/{what}", async Task<Results<Ok<T>, ValidationProblem>> (string code, string? status, CoordinationService coordination, HttpContext http) =>
                {
                    var errors = new FieldErrors().Require(level.IsCode(code), "code", level.Rule);
                    var filter = withStatus ? ReadStatus(status, errors) : null;
                    if (errors.Any)
                    {
                        return errors.ToResult();
                    }

                    return TypedResults.Ok(await list(coordination, http.CurrentUser(), code, filter));
                })
                .WithName(name + "Of" + level.Name).WithSummary(summary).WithTags(tag);
        }
    }

    private static MatterStatus? ReadStatus(string? status, FieldErrors errors) =>
        EnumText.ReadOptional<MatterStatus>(status, errors, "status", ignoreCase: true, "status is open, answered, resolved or reopened.");

    /// <summary>The field rules of a matter body: the API and the portal's matter form check with this one list.</summary>
    internal static FieldErrors Validate(MatterBody body)
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Trim().Length <= InputLimits.MaxName, "title", RuleMessage.Of("TitleRequired", "The title is required (at most {0} characters).", InputLimits.MaxName))
            .Require(body.Detail is null || body.Detail.Length <= InputLimits.MaxText, "detail", RuleMessage.Of("AtMost", "At most {0} characters.", InputLimits.MaxText))
            .Require(MatterRules.IsRaiser(body.RaisedBy), "raisedBy", RuleMessage.Of("Raiser", "raisedBy is the division code of a town or county (or a project code)."))
            .Require(body.ProjectCode is null || ProjectsApi.IsProjectCode(body.ProjectCode), "projectCode", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64))
            .Require(DivisionCodes.IsCity(body.AddressedTo) || DivisionCodes.IsCounty(body.AddressedTo) || DivisionCodes.IsTown(body.AddressedTo),
                "addressedTo", RuleMessage.Of("AddressedTo", "addressedTo is the division code of the level above the raiser, or of the city."))
            .Require(body.DueDate is { Year: >= 2000 and <= 2100 }, "dueDate", RuleMessage.Of("DueDateRequired", "The due date is required (yyyy-MM-dd)."))
            .Require(body.Departments is { Count: > 0 and <= 10 }, "departments", RuleMessage.Of("Departments", "Assign the matter to between one and ten departments."))
            .Require(body.MeetingId is null || CoordinationIds.IsWellFormed(body.MeetingId), "meetingId", RuleMessage.Of("MeetingId", "Not a meeting id."))
            .Require(body.VisitId is null || CoordinationIds.IsWellFormed(body.VisitId), "visitId", RuleMessage.Of("VisitId", "Not a visit id."));
        var departments = body.Departments ?? [];
        for (var i = 0; i < departments.Count; i++)
        {
            errors.Require(CoordinationIds.IsDepartmentId(departments[i]), $"departments[{i}]", RuleMessage.Of("DepartmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj."));
        }

        return errors;
    }

    internal static MatterDraft Draft(MatterBody body, string? meetingId) => new(
        body.Title!.Trim(), string.IsNullOrWhiteSpace(body.Detail) ? null : body.Detail.Trim(), body.RaisedBy!,
        string.IsNullOrWhiteSpace(body.ProjectCode) ? null : body.ProjectCode, body.AddressedTo!,
        body.Departments!.Select(d => d!).ToImmutableArray(), body.DueDate!.Value, meetingId, body.VisitId);

    /// <summary>The field rules of reopening a matter (the API and the portal's reopen form).</summary>
    internal static FieldErrors ValidateReopen(string id, ReopenBody body) => new FieldErrors()
        .Require(CoordinationIds.IsWellFormed(id), "id", "Not a matter id.")
        .Require(!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Length <= InputLimits.MaxText, "reason", RuleMessage.Of("MatterReason", "The reason is required (at most {0} characters).", InputLimits.MaxText))
        .Require(body.DueDate is null || body.DueDate.Value.Year is >= 2000 and <= 2100, "dueDate", RuleMessage.Of("MatterReopenDueDate", "The due date must fall between 2000 and 2100."));
}
