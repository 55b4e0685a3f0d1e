using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>Leaders of the four leading bodies (四套班子), their linked projects, and site visits (实地调研).</summary>
public static partial class CoordinationApi
{
    private const string LeadersTag = "Coordination: leaders and visits";

    public sealed record LeaderBody(string? Title, LeadingBody? Body, string? CityCode);

    public sealed record ProjectLeaderBody(string? LeaderId);

    public sealed record VisitBody(string? LeaderId, DateOnly? Date, IReadOnlyList<string?>? ProjectCodes, string? Findings, string? Place);

    public sealed record LeaderJson(string Id, string Title, LeadingBody Body, string CityCode);

    private static void MapLeadersAndVisits(RouteGroupBuilder api)
    {
        api.MapPut("/leaders/{id}", async (string id, LeaderBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
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

                access.EnsureDivision(http.CurrentUser(), Access.Write, body.CityCode!);
                var info = await cluster.GetGrain<ILeaderGrain>(id).RegisterAsync(body.Title!, body.Body!.Value, body.CityCode!, Actor.Of(http));
                var json = new LeaderJson(info.Id, info.Title, info.Body, info.CityCode);
                return info.Created ? Results.Created($"/api/v1/leaders/{id}", json) : Results.Ok(json);
            })
            .WithName("PutLeader").WithSummary("Registers a leader of the four leading bodies, by title.").WithTags(LeadersTag);

        api.MapGet("/leaders/{id}", async (string id, int? year, int? month, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "A leader id is letters, digits and dashes.").ToResult();
                }

                if (!Period.TryRead(year, month, out var period, out var error))
                {
                    return error!;
                }

                await access.EnsureLeaderAsync(http.CurrentUser(), Access.Read, id);
                return Results.Ok(await cluster.GetGrain<ILeaderGrain>(id).GetAsync(period));
            })
            .WithName("GetLeader").WithSummary("The leader's page: linked projects with lights and open matters, and site visits.").WithTags(LeadersTag)
            .Produces<LeaderView>();

        api.MapPut("/projects/{code}/leader", async (string code, ProjectLeaderBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = ValidateProjectLeader(code, body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureCanLinkLeaderAsync(http.CurrentUser(), code);
                var view = await cluster.GetGrain<IProjectCoordinationGrain>(code).SetLeaderAsync(body.LeaderId!, Actor.Of(http));
                return Results.Ok(ProjectJson.From(view));
            })
            .WithName("PutProjectLeader").WithSummary("Links the project to a leader (四套班子领导联系重点项目制度).").WithTags(LeadersTag);

        MapJurisdictionList(api, "leaders", "GetLeaders", "The city's leaders with their linked projects.", LeadersTag,
            async (cluster, code, _) => Results.Ok(await cluster.GetGrain<ILeaderIndexGrain>(code).ListAsync()), withStatus: false, counties: false, towns: false);

        api.MapPost("/visits", async (VisitBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = ValidateVisit(body);
                var codes = body.ProjectCodes ?? [];
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureLeaderAsync(http.CurrentUser(), Access.Write, body.LeaderId!);
                var id = CoordinationIds.New(CoordinationIds.Visit);
                var view = await cluster.GetGrain<IVisitGrain>(id).RecordAsync(
                    new VisitDraft(body.LeaderId!, body.Date!.Value, codes.Select(c => c!).ToImmutableArray(), body.Findings!, body.Place), Actor.Of(http));
                return Results.Created($"/api/v1/visits/{id}", view);
            })
            .WithName("RecordVisit").WithSummary("Records a leader's site visit; matters may then name it with visitId.").WithTags(LeadersTag)
            .Produces<VisitView>(StatusCodes.Status201Created);

        api.MapGet("/visits/{id}", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "Not a visit id.").ToResult();
                }

                await access.EnsureCanReadVisitAsync(http.CurrentUser(), id);
                return Results.Ok(await cluster.GetGrain<IVisitGrain>(id).GetAsync());
            })
            .WithName("GetVisit").WithSummary("The visit with its findings and the matters that arose from it.").WithTags(LeadersTag)
            .Produces<VisitView>();
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
            .Require(!string.IsNullOrWhiteSpace(body.Findings) && body.Findings.Length <= 4000, "findings", RuleMessage.Of("FindingsRequired", "The findings are required (at most {0} characters).", 4000))
            .Require(body.Place is null || body.Place.Length <= 200, "place", RuleMessage.Of("AtMost", "At most {0} characters.", 200))
            .Require(body.ProjectCodes is null || body.ProjectCodes.Count <= 50, "projectCodes", RuleMessage.Of("VisitProjects", "At most fifty projects."));
        var codes = body.ProjectCodes ?? [];
        for (var i = 0; i < codes.Count; i++)
        {
            errors.Require(ProjectsApi.IsProjectCode(codes[i]), $"projectCodes[{i}]", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64));
        }

        return errors;
    }
}
