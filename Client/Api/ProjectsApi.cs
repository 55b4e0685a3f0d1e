using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Projects and their monthly reports (API.md "Projects and monthly reports").</summary>
public static partial class ProjectsApi
{
    public sealed record AnnualPlanBody(int? Year, decimal? Amount);

    public sealed record ProjectBody(
        string? Code,
        string? Name,
        string? TownCode,
        ProjectCategory? Category,
        string? SubCategory,
        ProjectStage? Stage,
        decimal? TotalInvestment,
        IReadOnlyList<AnnualPlanBody>? AnnualPlans,
        DateOnly? StartDate,
        DateOnly? PlannedCompletionDate);

    public sealed record ReportBody(decimal? InvestmentCompleted, decimal? ProgressPercent, string? ImageProgress, IReadOnlyList<string?>? Problems);

    private const string Tag = "Projects";

    /// <summary>The projects route table; the handlers follow.</summary>
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects", CreateProject)
            .WithName("CreateProject").WithSummary("Registers a key project under its town.").WithTags(Tag);
        api.MapGet("/projects/{code}", GetProject)
            .WithName("GetProject").WithSummary("The project: profile, warning light, totals for the period and reports.").WithTags(Tag);
        api.MapPut("/projects/{code}/reports/{year}/{month}", PutReport)
            .WithName("PutReport").WithSummary("Submits, repeats or corrects the monthly report of one month.").WithTags(Tag);
        api.MapGet("/projects/{code}/reports", GetReports)
            .WithName("GetReports").WithSummary("The project's monthly reports, each with the figures its corrections replaced.").WithTags(Tag);
        return api;
    }

    /// <summary>PUT /projects/{code}/reports/{year}/{month}: the stored report with the project's light and totals after it.</summary>
    public sealed record ReportReceiptJson(string Code, int Year, int Month, Light? Light, Totals Totals, ReportJson Report);

    private static async Task<Results<Created<ProjectJson>, ValidationProblem>> CreateProject(ProjectBody body, ProjectService projects, HttpContext http)
    {
        var errors = Validate(body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var code = body.Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            code = await projects.AllocateCodeAsync(http.CurrentUser(), body.TownCode!);
        }

        var profile = new ProjectProfile(code, body.Name!.Trim(), body.TownCode!, body.Category!.Value, body.SubCategory?.Trim(),
            body.Stage!.Value, body.TotalInvestment!.Value,
            body.AnnualPlans?.Select(p => new AnnualPlan(p.Year!.Value, p.Amount!.Value)).OrderBy(p => p.Year).ToImmutableArray() ?? [],
            body.StartDate, body.PlannedCompletionDate);
        var view = await projects.RegisterAsync(http.CurrentUser(), profile, Actor.Of(http));
        return TypedResults.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}", ProjectJson.From(view));
    }

    private static async Task<Results<Ok<ProjectJson>, ValidationProblem>> GetProject(string code, int? year, int? month, ProjectService projects, HttpContext http)
    {
        if (!IsProjectCode(code))
        {
            return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        return TypedResults.Ok(ProjectJson.From(await projects.GetAsync(http.CurrentUser(), code, period)));
    }

    private static async Task<Results<Ok<ReportReceiptJson>, ValidationProblem>> PutReport(
        string code, int year, int month, ReportBody body, ProjectService projects, HttpContext http)
    {
        var draft = new ReportDraft(body.InvestmentCompleted, body.ProgressPercent, body.ImageProgress, body.Problems);
        var errors = FieldErrors.From(ReportValidation.Validate(year, month, draft))
            .Require(IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await projects.SubmitReportAsync(http.CurrentUser(), code, ReportValidation.ToInput(year, month, draft), Actor.Of(http));
        var stored = view.Reports.First(r => r.Year == year && r.Month == month);
        return TypedResults.Ok(new ReportReceiptJson(view.Profile.Code, year, month, view.Light, view.Totals, ReportJson.From(stored)));
    }

    private static async Task<Results<Ok<IReadOnlyList<ReportJson>>, ValidationProblem>> GetReports(string code, ProjectService projects, HttpContext http)
    {
        if (!IsProjectCode(code))
        {
            return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
        }

        var view = await projects.GetAsync(http.CurrentUser(), code, PeriodQuery.Latest);
        return TypedResults.Ok<IReadOnlyList<ReportJson>>([.. view.Reports.Select(ReportJson.From)]);
    }

    public static bool IsProjectCode(string? code) => Ids.IsProjectCode(code);

    private static FieldErrors Validate(ProjectBody body)
    {
        var errors = new FieldErrors()
            .Require(string.IsNullOrWhiteSpace(body.Code) || IsProjectCode(body.Code.Trim()), "code", "A project code is letters, digits and dashes, at most 64.")
            .Text("name", body.Name, InputLimits.MaxName, required: true)
            .Require(DivisionCodes.IsTown(body.TownCode), "townCode", "A town code is nine digits starting with its county's code.")
            .Require(body.Category is not null, "category", "Category is one of infrastructure, industry, livelihood, urbanRenewal.")
            .Require(body.Stage is not null, "stage", "Stage is one of reserve, preparation, newStart, continuing, completed, operating.")
            .Amount("totalInvestment", body.TotalInvestment)
            .Require(body.SubCategory is null || body.SubCategory.Length <= 64, "subCategory", "At most 64 characters.")
            .Require(body.StartDate is null || body.PlannedCompletionDate is null || body.PlannedCompletionDate >= body.StartDate,
                "plannedCompletionDate", "Planned completion cannot come before the start.");
        var plans = body.AnnualPlans ?? [];
        if (plans.Count > InputLimits.MaxAnnualPlans)
        {
            return errors.Add("annualPlans", $"At most {InputLimits.MaxAnnualPlans} annual plans.");
        }

        for (var i = 0; i < plans.Count; i++)
        {
            errors.Require(plans[i] is { Year: >= 2000 and <= 2100 }, $"annualPlans[{i}].year", "Year must be between 2000 and 2100.")
                .Amount($"annualPlans[{i}].amount", plans[i]?.Amount);
        }

        errors.Require(plans.Select(p => p?.Year).Distinct().Count() == plans.Count, "annualPlans", "One plan per year.");
        return errors;
    }
}

/// <summary>A project as the API answers it (GET /projects/{code} and every route that changes a project).</summary>
public sealed record ProjectJson(
    string Code,
    string Name,
    string TownCode,
    string CountyCode,
    ProjectCategory Category,
    string? SubCategory,
    ProjectStage Stage,
    decimal TotalInvestment,
    IReadOnlyList<AnnualPlanJson> AnnualPlans,
    DateOnly? StartDate,
    DateOnly? PlannedCompletionDate,
    DateTimeOffset RegisteredAt,
    string? LeaderId,
    string? LeadId,
    string? ReferrerId,
    Liandong.Promotion.PreparationRecord? Preparation,
    // PromotionJson.Application is the promotion helper's to type (issue 10): until then its shape is open here.
    IReadOnlyList<ListApplicationResponse> ListApplications,
    Light? Light,
    Totals Totals,
    IReadOnlyList<ReportJson> Reports,
    IReadOnlyList<AuditEntry> History,
    Liandong.Finance.ProjectOwner? Owner,
    IReadOnlyList<Liandong.Finance.FactorNeed> FactorNeeds,
    FinanceTotalsJson Financing)
{
    public static ProjectJson From(ProjectView view)
    {
        var p = view.Profile;
        return new ProjectJson(p.Code, p.Name, p.TownCode, p.CountyCode, p.Category, p.SubCategory, p.Stage, p.TotalInvestment,
            [.. p.AnnualPlans.Select(a => new AnnualPlanJson(a.Year, a.Amount))], p.StartDate, p.PlannedCompletionDate,
            view.RegisteredAt, view.LeaderId, view.LeadId, view.ReferrerId, view.Preparation,
            [.. view.ListApplications.Select(PromotionJson.Application)], view.Light, view.Totals,
            [.. view.Reports.Select(ReportJson.From)], view.History, view.Owner, view.FactorNeeds, FinanceTotalsJson.From(view.Financing));
    }
}

public sealed record AnnualPlanJson(int Year, decimal Amount);

/// <summary>A monthly report with the figures its corrections replaced.</summary>
public sealed record ReportJson(
    int Year,
    int Month,
    decimal InvestmentCompleted,
    decimal? ProgressPercent,
    string? ImageProgress,
    IReadOnlyList<string> Problems,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    IReadOnlyList<ReportCorrectionJson> Corrections)
{
    public static ReportJson From(MonthlyReport r) => new(
        r.Year, r.Month, r.Figures.InvestmentCompleted, r.Figures.ProgressPercent, r.Figures.ImageProgress, r.Figures.Problems,
        r.SubmittedAt, r.SubmittedBy,
        [.. r.Corrections.Select(c => new ReportCorrectionJson(c.Figures.InvestmentCompleted, c.Figures.ProgressPercent, c.Figures.ImageProgress,
            c.Figures.Problems, c.SubmittedAt, c.SubmittedBy, c.ReplacedAt, c.ReplacedBy))]);
}

/// <summary>Figures a correction replaced, with who replaced them and when.</summary>
public sealed record ReportCorrectionJson(
    decimal InvestmentCompleted,
    decimal? ProgressPercent,
    string? ImageProgress,
    IReadOnlyList<string> Problems,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset ReplacedAt,
    string ReplacedBy);
