using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Leaders of the four leading bodies (四套班子), their linked projects, and site visits (实地调研).</summary>
public static partial class CoordinationApi
{
    private const string LeadersTag = "Coordination: leaders and visits";

    public sealed record LeaderBody(string? Title, LeadingBody? Body, string? CityCode);

    public sealed record ProjectLeaderBody(string? LeaderId);

    public sealed record VisitBody(string? LeaderId, DateOnly? Date, IReadOnlyList<string?>? ProjectCodes, string? Findings, string? Place);

    public sealed record LeaderJson(string Id, string Title, LeadingBody Body, string CityCode);

    private static async Task<Results<Created<LeaderJson>, Ok<LeaderJson>, ValidationProblem>> PutLeader(
        string id, LeaderBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(id), "id", "A leader id is letters, digits and dashes, at most 64.")
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 100, "title", "The title is required (e.g. 市委书记).")
            .Require(body.Body is { } b && Enum.IsDefined(b), "body", "body is partyCommittee, peoplesCongress, government or cppcc.")
            .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var info = await coordination.RegisterLeaderAsync(http.CurrentUser(), id, body.Title!, body.Body!.Value, body.CityCode!);
        var json = new LeaderJson(info.Id, info.Title, info.Body, info.CityCode);
        return info.Created ? TypedResults.Created($"/api/v1/leaders/{id}", json) : TypedResults.Ok(json);
    }

    private static async Task<Results<Ok<LeaderView>, ValidationProblem>> GetLeader(
        string id, int? year, int? month, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "A leader id is letters, digits and dashes.").ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        return TypedResults.Ok(await coordination.GetLeaderAsync(http.CurrentUser(), id, period));
    }

    private static async Task<Results<Ok<ProjectJson>, ValidationProblem>> PutProjectLeader(
        string code, ProjectLeaderBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateProjectLeader(code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return TypedResults.Ok(ProjectJson.From(await coordination.SetProjectLeaderAsync(http.CurrentUser(), code, body.LeaderId!)));
    }

    private static async Task<Results<Created<VisitView>, ValidationProblem>> RecordVisit(VisitBody body, CoordinationService coordination, HttpContext http)
    {
        var errors = ValidateVisit(body);
        var codes = body.ProjectCodes ?? [];
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await coordination.RecordVisitAsync(http.CurrentUser(),
            new VisitDraft(body.LeaderId!, body.Date!.Value, codes.Select(c => c!).ToImmutableArray(), body.Findings!, body.Place));
        return TypedResults.Created($"/api/v1/visits/{view.Id}", view);
    }

    private static async Task<Results<Ok<VisitView>, ValidationProblem>> GetVisit(string id, CoordinationService coordination, HttpContext http)
    {
        if (!CoordinationIds.IsWellFormed(id))
        {
            return new FieldErrors().Add("id", "Not a visit id.").ToResult();
        }

        return TypedResults.Ok(await coordination.GetVisitAsync(http.CurrentUser(), id));
    }

    /// <summary>The field rules of linking a project to a leader (the API and the portal's leader form).</summary>
    internal static FieldErrors ValidateProjectLeader(string code, ProjectLeaderBody body) => new FieldErrors()
        .Require(ProjectsApi.IsProjectCode(code), "code", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64))
        .Require(CoordinationIds.IsWellFormed(body.LeaderId), "leaderId", RuleMessage.Of("LeaderId", "The id of a registered leader of the project's city."));

    /// <summary>The field rules of a site visit (the API and the portal's visit form).</summary>
    internal static FieldErrors ValidateVisit(VisitBody body)
    {
        var errors = new FieldErrors()
            .Require(CoordinationIds.IsWellFormed(body.LeaderId), "leaderId", RuleMessage.Of("LeaderId", "The id of a registered leader."))
            .Require(body.Date is { Year: >= 2000 and <= 2100 }, "date", RuleMessage.Of("VisitDate", "The date of the visit is required (yyyy-MM-dd)."))
            .Require(!string.IsNullOrWhiteSpace(body.Findings) && body.Findings.Length <= InputLimits.MaxText, "findings", RuleMessage.Of("FindingsRequired", "The findings are required (at most {0} characters).", InputLimits.MaxText))
            .Require(body.Place is null || body.Place.Length <= InputLimits.MaxName, "place", RuleMessage.Of("AtMost", "At most {0} characters.", InputLimits.MaxName))
            .Require(body.ProjectCodes is null || body.ProjectCodes.Count <= 50, "projectCodes", RuleMessage.Of("VisitProjects", "At most fifty projects."));
        var codes = body.ProjectCodes ?? [];
        for (var i = 0; i < codes.Count; i++)
        {
            errors.Require(ProjectsApi.IsProjectCode(codes[i]), $"projectCodes[{i}]", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64));
        }

        return errors;
    }
}
