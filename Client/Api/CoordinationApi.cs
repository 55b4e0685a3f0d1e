using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
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

    public static RouteGroupBuilder MapCoordinationApi(this RouteGroupBuilder api)
    {
        MapDepartmentsAndMatters(api);
        MapMeetings(api);
        MapDirectives(api);
        MapLeadersAndVisits(api);
        return api;
    }

    private static void MapDepartmentsAndMatters(RouteGroupBuilder api)
    {
        api.MapPut("/departments/{id}", async (string id, DepartmentBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
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

                access.EnsureDepartment(http.CurrentUser(), Access.Write, id);
                var info = await cluster.GetGrain<IDepartmentGrain>(id).RegisterAsync(body.Name!.Trim(), body.CityCode!, Actor.Of(http));
                var json = new DepartmentJson(info.Id, info.Name, info.CityCode);
                return info.Created ? Results.Created($"/api/v1/departments/{id}", json) : Results.Ok(json);
            })
            .WithName("PutDepartment").WithSummary("Registers a city department (市直单位) or renames it.").WithTags(MattersTag);

        api.MapGet("/departments/{id}", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsDepartmentId(id))
                {
                    return new FieldErrors().Add("id", "A department id is {cityCode}-{slug}.").ToResult();
                }

                access.EnsureDepartment(http.CurrentUser(), Access.Read, id);
                var info = await cluster.GetGrain<IDepartmentGrain>(id).GetInfoAsync()
                    ?? throw DomainException.NotFound($"Department {id} is not registered.");
                return Results.Ok(new DepartmentJson(info.Id, info.Name, info.CityCode));
            })
            .WithName("GetDepartment").WithSummary("The department.").WithTags(MattersTag);

        api.MapGet("/departments/{id}/matters", async (string id, string? status, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors().Require(CoordinationIds.IsDepartmentId(id), "id", "A department id is {cityCode}-{slug}.");
                var filter = ReadStatus(status, errors);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureDepartment(http.CurrentUser(), Access.Read, id);
                return Results.Ok(await cluster.GetGrain<IDepartmentGrain>(id).GetMattersAsync(filter));
            })
            .WithName("GetDepartmentMatters").WithSummary("The matters assigned to the department, newest first; ?status=open|answered|resolved|reopened.").WithTags(MattersTag);

        api.MapPost("/matters", async (MatterBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = Validate(body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureCanRaiseAsync(http.CurrentUser(), body.RaisedBy!, body.ProjectCode, body.VisitId);
                var id = CoordinationIds.New(CoordinationIds.Matter);
                var view = await cluster.GetGrain<IMatterGrain>(id).RaiseAsync(Draft(body, body.MeetingId), Actor.Of(http));
                return Results.Created($"/api/v1/matters/{id}", view);
            })
            .WithName("RaiseMatter").WithSummary("Raises a matter (事项) to the level above the raiser, or to the city.").WithTags(MattersTag)
            .Produces<MatterView>(StatusCodes.Status201Created);

        api.MapGet("/matters/{id}", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "Not a matter id.").ToResult();
                }

                await access.EnsureMatterAsync(http.CurrentUser(), Access.Read, id);
                return Results.Ok(await cluster.GetGrain<IMatterGrain>(id).GetAsync());
            })
            .WithName("GetMatter").WithSummary("The matter with every department's answer, its escalations and its history.").WithTags(MattersTag)
            .Produces<MatterView>();

        api.MapPost("/matters/{id}/answers", async (string id, AnswerBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(CoordinationIds.IsWellFormed(id), "id", "Not a matter id.")
                    .Require(CoordinationIds.IsDepartmentId(body.DepartmentId), "departmentId", "The answering department's id, e.g. 440800-zrzyj.")
                    .Require(!string.IsNullOrWhiteSpace(body.Text) && body.Text.Length <= 4000, "text", "The answer is required (at most 4000 characters).");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureCanAnswer(http.CurrentUser(), body.DepartmentId!);
                return Results.Ok(await cluster.GetGrain<IMatterGrain>(id).AnswerAsync(body.DepartmentId!, body.Text!, Actor.Of(http)));
            })
            .WithName("AnswerMatter").WithSummary("Records a department's answer; a department the matter is not assigned to is a 409.").WithTags(MattersTag)
            .Produces<MatterView>();

        api.MapPost("/matters/{id}/resolve", async (string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ResolveBody? body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(CoordinationIds.IsWellFormed(id), "id", "Not a matter id.")
                    .Require(body?.Note is null || body.Note.Length <= 4000, "note", "At most 4000 characters.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureMatterAsync(http.CurrentUser(), Access.Write, id);
                return Results.Ok(await cluster.GetGrain<IMatterGrain>(id).ResolveAsync(body?.Note, Actor.Of(http)));
            })
            .WithName("ResolveMatter").WithSummary("The raiser confirms the matter resolved (办结); resolving a resolved matter is a 409.").WithTags(MattersTag)
            .Produces<MatterView>();

        api.MapPost("/matters/{id}/reopen", async (string id, ReopenBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = ValidateReopen(id, body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureMatterAsync(http.CurrentUser(), Access.Write, id);
                return Results.Ok(await cluster.GetGrain<IMatterGrain>(id).ReopenAsync(body.Reason!, body.DueDate, Actor.Of(http)));
            })
            .WithName("ReopenMatter").WithSummary("The raiser reopens an answered or resolved matter, optionally with a new due date.").WithTags(MattersTag)
            .Produces<MatterView>();

        MapJurisdictionList(api, "matters", "GetMatters", "Matters raised in or addressed to that jurisdiction and below; ?status=S.", MattersTag,
            async (cluster, code, status) => Results.Ok(await cluster.GetGrain<IMatterIndexGrain>(code).ListAsync(status)), withStatus: true);
    }

    /// <summary>Maps GET /{cities,counties,towns}/{code}/{what}: the code is checked for its level and the division must exist.</summary>
    private static void MapJurisdictionList(RouteGroupBuilder api, string what, string name, string summary, string tag,
        Func<IClusterClient, string, MatterStatus?, Task<IResult>> list, bool withStatus, bool counties = true, bool towns = true)
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
            api.MapGet($"/{level.Segment}/{{code}}/{what}", async (string code, string? status, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
                {
                    var errors = new FieldErrors().Require(level.IsCode(code), "code", level.Rule);
                    var filter = withStatus ? ReadStatus(status, errors) : null;
                    if (errors.Any)
                    {
                        return errors.ToResult();
                    }

                    access.EnsureDivision(http.CurrentUser(), Access.Read, code);
                    await EnsureDivisionAsync(cluster, code);
                    return await list(cluster, code, filter);
                })
                .WithName(name + "Of" + level.Name).WithSummary(summary).WithTags(tag);
        }
    }

    private static async Task EnsureDivisionAsync(IClusterClient cluster, string code)
    {
        var info = DivisionCodes.IsTown(code) ? await cluster.GetGrain<ITownGrain>(code).GetInfoAsync()
            : DivisionCodes.IsCity(code) ? await cluster.GetGrain<ICityGrain>(code).GetInfoAsync()
            : await cluster.GetGrain<ICountyGrain>(code).GetInfoAsync();
        if (info is null)
        {
            throw DomainException.NotFound($"{code} is not registered.");
        }
    }

    /// <summary>The same rule as the matter grain's: a town or county code, or a project code that is not digits alone.</summary>
    private static bool IsRaiser(string? code) =>
        DivisionCodes.IsTown(code) || (DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code)) ||
        (ProjectsApi.IsProjectCode(code) && !code!.All(char.IsAsciiDigit));

    private static MatterStatus? ReadStatus(string? status, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(status))
        {
            return null;
        }

        if (EnumText.TryParse<MatterStatus>(status, out var parsed, ignoreCase: true))
        {
            return parsed;
        }

        errors.Add("status", "status is open, answered, resolved or reopened.");
        return null;
    }

    /// <summary>The field rules of a matter body: the API and the portal's matter form check with this one list.</summary>
    internal static FieldErrors Validate(MatterBody body)
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Trim().Length <= 200, "title", RuleMessage.Of("TitleRequired", "The title is required (at most {0} characters).", 200))
            .Require(body.Detail is null || body.Detail.Length <= 4000, "detail", RuleMessage.Of("AtMost", "At most {0} characters.", 4000))
            .Require(IsRaiser(body.RaisedBy), "raisedBy", RuleMessage.Of("Raiser", "raisedBy is the division code of a town or county (or a project code)."))
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
        .Require(!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Length <= 4000, "reason", "The reason is required (at most 4000 characters).")
        .Require(body.DueDate is null || body.DueDate.Value.Year is >= 2000 and <= 2100, "dueDate", "The due date must fall between 2000 and 2100.");
}
