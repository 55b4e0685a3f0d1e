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
        var errors = new FieldErrors()
            .Require(ProjectsApi.IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.")
            .Require(body.Kind is not null, "kind", $"Kind is one of {EnumText.List<FactorKind>()}.")
            .Require(!string.IsNullOrWhiteSpace(body.Detail) && body.Detail.Trim().Length <= 500, "detail", "Detail is required (at most 500 characters).")
            .Require(body.Quantity is null or >= 0m, "quantity", "Quantity cannot be negative.")
            .Require(body.Quantity is null or <= InputLimits.MaxQuantity, "quantity", $"Quantity is at most {InputLimits.MaxQuantity:#,0}.")
            .Require(body.Unit is null || body.Unit.Trim().Length <= 16, "unit", "Unit is at most 16 characters.")
            .Require(FactorNeedRules.IsDepartmentId(body.DepartmentId), "departmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj.")
            .Require(body.DueDate is not null, "dueDate", "The due date (yyyy-MM-dd) is required.");
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
        var errors = new FieldErrors()
            .Require(ProjectsApi.IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.")
            .Require(id.Length <= 16, "id", "A factor need id is short, e.g. F1.")
            .Require(body.Status is not null, "status", $"Status is one of {EnumText.List<FactorStatus>()}.")
            .Require(body.Note is null || body.Note.Length <= 500, "note", "Note is at most 500 characters.")
            .Require(body.MetOn is null || body.Status == FactorStatus.Met, "metOn", "A date met goes only with status met.");
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
        string code, IClusterClient cluster, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        finance.EnsureCanRead(http.CurrentUser(), code);
        var overview = await cluster.GetGrain<ICityGrain>(code).GetOverviewAsync(PeriodQuery.Latest);

        // One read per county index, none of which calls another grain: safe to ask side by side.
        var lists = await Task.WhenAll(overview.Children.Select(c => cluster.GetGrain<ICountyFinanceIndexGrain>(c.Code).GetFactorNeedsAsync(null)));
        return TypedResults.Ok(Jurisdiction(overview, lists.SelectMany(l => l)));
    }

    private static async Task<Results<Ok<FactorsJurisdictionJson>, ValidationProblem>> GetCountyFactors(
        string code, IClusterClient cluster, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsCounty(code))
        {
            return new FieldErrors().Add("code", "A county code is six digits.").ToResult();
        }

        finance.EnsureCanRead(http.CurrentUser(), code);
        var overview = await cluster.GetGrain<ICountyGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
        var list = await cluster.GetGrain<ICountyFinanceIndexGrain>(code).GetFactorNeedsAsync(null);
        return TypedResults.Ok(Jurisdiction(overview, list));
    }

    private static async Task<Results<Ok<FactorsJurisdictionJson>, ValidationProblem>> GetTownFactors(
        string code, IClusterClient cluster, FinanceService finance, HttpContext http)
    {
        if (!DivisionCodes.IsTown(code))
        {
            return new FieldErrors().Add("code", "A town code is nine digits.").ToResult();
        }

        finance.EnsureCanRead(http.CurrentUser(), code);
        var overview = await cluster.GetGrain<ITownGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
        var list = await cluster.GetGrain<ICountyFinanceIndexGrain>(DivisionCodes.CountyOf(code)).GetFactorNeedsAsync(code);
        return TypedResults.Ok(Jurisdiction(overview, list));
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
}
