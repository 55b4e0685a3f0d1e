using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Reporting;

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

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects", async (ProjectBody body, ProjectService projects, HttpContext http) =>
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
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}", ProjectJson.From(view));
            })
            .WithName("CreateProject").WithSummary("Registers a key project under its town.").WithTags("Projects");

        api.MapGet("/projects/{code}", async (string code, int? year, int? month, ProjectService projects, HttpContext http) =>
            {
                if (!IsProjectCode(code))
                {
                    return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
                }

                if (!Period.TryRead(year, month, out var period, out var error))
                {
                    return error!;
                }

                return Results.Ok(ProjectJson.From(await projects.GetAsync(http.CurrentUser(), code, period)));
            })
            .WithName("GetProject").WithSummary("The project: profile, warning light, totals for the period and reports.").WithTags("Projects");

        api.MapPut("/projects/{code}/reports/{year}/{month}", async (string code, int year, int month, ReportBody body, ProjectService projects, HttpContext http) =>
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
                return Results.Ok(new
                {
                    code = view.Profile.Code,
                    year,
                    month,
                    light = view.Light,
                    totals = view.Totals,
                    report = ProjectJson.Report(stored),
                });
            })
            .WithName("PutReport").WithSummary("Submits, repeats or corrects the monthly report of one month.").WithTags("Projects");

        api.MapGet("/projects/{code}/reports", async (string code, ProjectService projects, HttpContext http) =>
            {
                if (!IsProjectCode(code))
                {
                    return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
                }

                var view = await projects.GetAsync(http.CurrentUser(), code, PeriodQuery.Latest);
                return Results.Ok(view.Reports.Select(ProjectJson.Report));
            })
            .WithName("GetReports").WithSummary("The project's monthly reports, each with the figures its corrections replaced.").WithTags("Projects");

        return api;
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

/// <summary>The JSON shapes of a project and its reports.</summary>
internal static class ProjectJson
{
    public static object From(ProjectView view)
    {
        var p = view.Profile;
        return new
        {
            code = p.Code,
            name = p.Name,
            townCode = p.TownCode,
            countyCode = p.CountyCode,
            category = p.Category,
            subCategory = p.SubCategory,
            stage = p.Stage,
            totalInvestment = p.TotalInvestment,
            annualPlans = p.AnnualPlans.Select(a => new { year = a.Year, amount = a.Amount }),
            startDate = p.StartDate,
            plannedCompletionDate = p.PlannedCompletionDate,
            registeredAt = view.RegisteredAt,
            leaderId = view.LeaderId,
            leadId = view.LeadId,
            referrerId = view.ReferrerId,
            preparation = view.Preparation,
            listApplications = view.ListApplications.Select(PromotionJson.Application),
            light = view.Light,
            totals = view.Totals,
            reports = view.Reports.Select(Report),
            history = view.History,
            owner = view.Owner,
            factorNeeds = view.FactorNeeds,
            financing = FinanceJson.Totals(view.Financing),
        };
    }

    public static object Report(MonthlyReport r) => new
    {
        year = r.Year,
        month = r.Month,
        investmentCompleted = r.Figures.InvestmentCompleted,
        progressPercent = r.Figures.ProgressPercent,
        imageProgress = r.Figures.ImageProgress,
        problems = r.Figures.Problems,
        submittedAt = r.SubmittedAt,
        submittedBy = r.SubmittedBy,
        corrections = r.Corrections.Select(c => new
        {
            investmentCompleted = c.Figures.InvestmentCompleted,
            progressPercent = c.Figures.ProgressPercent,
            imageProgress = c.Figures.ImageProgress,
            problems = c.Figures.Problems,
            submittedAt = c.SubmittedAt,
            submittedBy = c.SubmittedBy,
            replacedAt = c.ReplacedAt,
            replacedBy = c.ReplacedBy,
        }),
    };
}
