using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Factor supply (要素供给): the land, energy, water, funds, approvals and labour projects wait for.</summary>
public static class FactorsApi
{
    public sealed record FactorBody(FactorKind? Kind, string? Detail, decimal? Quantity, string? Unit, string? DepartmentId, DateOnly? DueDate);

    public sealed record FactorUpdateBody(FactorStatus? Status, string? Note, DateOnly? MetOn);

    private const string Tag = "Factors";

    /// <summary>The factor-supply route table; the handlers follow.</summary>
    public static RouteGroupBuilder MapFactorsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{code}/factors", AddFactorNeed)
            .WithName("AddFactorNeed").WithSummary("Raises a factor need on the project, with its responsible city department and due date.").WithTags(Tag);
        api.MapPut("/projects/{code}/factors/{id}", UpdateFactorNeed)
            .WithName("UpdateFactorNeed").WithSummary("Moves a factor need to open, inProgress or met.").WithTags(Tag);
        api.MapGet("/projects/{code}/factors", GetProjectFactorNeeds)
            .WithName("GetProjectFactorNeeds").WithSummary("The project's factor needs, met ones included.").WithTags(Tag);
        api.MapGet("/cities/{code}/factors", GetCityFactors)
            .WithName("GetCityFactors").WithSummary("Open factor needs in the city, counted by kind and by department.").WithTags(Tag);
        api.MapGet("/counties/{code}/factors", GetCountyFactors)
            .WithName("GetCountyFactors").WithSummary("Open factor needs in the county, counted by kind and by department.").WithTags(Tag);
        api.MapGet("/towns/{code}/factors", GetTownFactors)
            .WithName("GetTownFactors").WithSummary("Open factor needs in the town, counted by kind and by department.").WithTags(Tag);
        return api;
    }

    /// <summary>A project's factor need.</summary>
    public sealed record FactorNeedJson(
        string Id, string ProjectCode, FactorKind Kind, string Detail, decimal? Quantity, string? Unit, string DepartmentId, DateOnly DueDate,
        FactorStatus Status, string? Note, DateOnly? MetOn, DateTimeOffset RaisedAt, string RaisedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

    /// <summary>An open need as a jurisdiction's list shows it.</summary>
    public sealed record FactorNeedRowJson(
        string ProjectCode, string ProjectName, string TownCode, string Id, FactorKind Kind, string Detail, decimal? Quantity, string? Unit,
        string DepartmentId, DateOnly DueDate, FactorStatus Status, string? Note, bool Overdue);

    /// <summary>GET /{cities,counties,towns}/{code}/factors: counts from the roll-up, by kind (every kind named) and by department.</summary>
    public sealed record FactorsJurisdictionJson(
        string Code, string Name, string Level, int Open, int Overdue, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByDepartment,
        IReadOnlyList<FactorNeedRowJson> Needs);

    private static async Task<Results<Created<FactorNeedJson>, ValidationProblem>> AddFactorNeed(string code, FactorBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateFactor(code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var need = await finance.AddFactorNeedAsync(http.CurrentUser(), code,
            new FactorNeedInput(body.Kind!.Value, body.Detail!.Trim(), body.Quantity, body.Unit?.Trim(), body.DepartmentId!, body.DueDate!.Value),
            Actor.Of(http));
        return TypedResults.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}/factors/{need.Id}", Need(code, need));
    }

    private static async Task<Results<Ok<FactorNeedJson>, ValidationProblem>> UpdateFactorNeed(
        string code, string id, FactorUpdateBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateFactorUpdate(code, id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var need = await finance.UpdateFactorNeedAsync(http.CurrentUser(), code, id, new FactorUpdate(body.Status!.Value, body.Note, body.MetOn), Actor.Of(http));
        return TypedResults.Ok(Need(code, need));
    }

    private static async Task<Results<Ok<IReadOnlyList<FactorNeedJson>>, ValidationProblem>> GetProjectFactorNeeds(string code, FinanceService finance, HttpContext http)
    {
        if (!ProjectsApi.IsProjectCode(code))
        {
            return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
        }

        var needs = await finance.GetFactorNeedsAsync(http.CurrentUser(), code);
        return TypedResults.Ok<IReadOnlyList<FactorNeedJson>>([.. needs.Select(n => Need(code, n))]);
    }

    private static async Task<Results<Ok<FactorsJurisdictionJson>, ValidationProblem>> GetCityFactors(
        string code, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        var (overview, needs) = await finance.FactorNeedsOfAsync(http.CurrentUser(), code);
        return TypedResults.Ok(Jurisdiction(overview, needs));
    }

    private static async Task<Results<Ok<FactorsJurisdictionJson>, ValidationProblem>> GetCountyFactors(
        string code, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsCounty(code))
        {
            return new FieldErrors().Add("code", "A county code is six digits.").ToResult();
        }

        var (overview, needs) = await finance.FactorNeedsOfAsync(http.CurrentUser(), code);
        return TypedResults.Ok(Jurisdiction(overview, needs));
    }

    private static async Task<Results<Ok<FactorsJurisdictionJson>, ValidationProblem>> GetTownFactors(
        string code, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsTown(code))
        {
            return new FieldErrors().Add("code", "A town code is nine digits.").ToResult();
        }

        var (overview, needs) = await finance.FactorNeedsOfAsync(http.CurrentUser(), code);
        return TypedResults.Ok(Jurisdiction(overview, needs));
    }

    private static FactorNeedJson Need(string projectCode, FactorNeed n) => new(
        n.Id, projectCode, n.Kind, n.Detail, n.Quantity, n.Unit, n.DepartmentId, n.DueDate, n.Status, n.Note, n.MetOn,
        n.RaisedAt, n.RaisedBy, n.UpdatedAt, n.UpdatedBy);

    /// <summary>The counts come from the roll-up (one grain call); the list from the county indexes.</summary>
    private static FactorsJurisdictionJson Jurisdiction(DivisionOverview o, IEnumerable<FactorNeedRow> rows)
    {
        var list = rows.ToImmutableArray();
        return new FactorsJurisdictionJson(
            o.Code, o.Name, EnumText.Of(o.Level), o.Factors.Open, list.Count(r => r.Overdue),
            Enum.GetValues<FactorKind>().ToDictionary(FactorCounts.KeyOf, k => o.Factors.ByKind.GetValueOrDefault(FactorCounts.KeyOf(k))),
            o.Factors.ByDepartment.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Value),
            [.. list.Select(r => new FactorNeedRowJson(r.ProjectCode, r.ProjectName, r.TownCode, r.Need.Id, r.Need.Kind, r.Need.Detail, r.Need.Quantity,
                r.Need.Unit, r.Need.DepartmentId, r.Need.DueDate, r.Need.Status, r.Need.Note, r.Overdue))]);
    }

    /// <summary>The field rules of a new factor need: the API and the portal's factor form check with this one list.</summary>
    internal static FieldErrors ValidateFactor(string code, FactorBody body) => new FieldErrors()
        .Require(ProjectsApi.IsProjectCode(code), "code", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64))
        .Require(body.Kind is not null, "kind", RuleMessage.Of("FactorKind", "Kind is one of {0}.", EnumText.List<FactorKind>()))
        .Require(!string.IsNullOrWhiteSpace(body.Detail) && body.Detail.Trim().Length <= 500, "detail", RuleMessage.Of("DetailRequired", "Detail is required (at most {0} characters).", 500))
        .Require(body.Quantity is null or >= 0m, "quantity", RuleMessage.Of("NotNegative", "Quantity cannot be negative."))
        .Require(body.Quantity is null or <= InputLimits.MaxQuantity, "quantity", RuleMessage.Of("QuantityMax", "Quantity is at most {0:#,0}.", InputLimits.MaxQuantity))
        .Require(body.Unit is null || body.Unit.Trim().Length <= 16, "unit", RuleMessage.Of("AtMost", "Unit is at most {0} characters.", 16))
        .Require(FactorNeedRules.IsDepartmentId(body.DepartmentId), "departmentId", RuleMessage.Of("DepartmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj."))
        .Require(body.DueDate is not null, "dueDate", RuleMessage.Of("DueDateRequired", "The due date (yyyy-MM-dd) is required."));

    /// <summary>The field rules of moving a factor need (the API and the portal's move form).</summary>
    internal static FieldErrors ValidateFactorUpdate(string code, string id, FactorUpdateBody body) => new FieldErrors()
        .Require(ProjectsApi.IsProjectCode(code), "code", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64))
        .Require(id.Length <= 16, "id", RuleMessage.Of("FactorId", "A factor need id is short, e.g. F1."))
        .Require(body.Status is not null, "status", RuleMessage.Of("FactorStatus", "Status is one of {0}.", EnumText.List<FactorStatus>()))
        .Require(body.Note is null || body.Note.Length <= 500, "note", RuleMessage.Of("AtMost", "Note is at most {0} characters.", 500))
        .Require(body.MetOn is null || body.Status == FactorStatus.Met, "metOn", RuleMessage.Of("MetOnOnlyMet", "A date met goes only with status met."));
}
