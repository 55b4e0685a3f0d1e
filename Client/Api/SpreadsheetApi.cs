using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Client.Spreadsheets;
using Liandong.Hierarchy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Spreadsheets in and out: project lists, import templates, imports of projects and reports (API.md "Ranking … and spreadsheets").</summary>
public static class SpreadsheetApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An upload larger than this is refused (a county's sheet is far smaller).</summary>
    private const long MaxUpload = 10 * 1024 * 1024;

    private const string Tag = "Spreadsheets";

    /// <summary>The spreadsheet route table; the handlers follow.</summary>
    public static RouteGroupBuilder MapSpreadsheetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cities/{code}/projects.xlsx", GetCityProjectsXlsx)
            .WithName("GetCityProjectsXlsx").WithSummary("The city's projects with the period's figures, as .xlsx.").WithTags(Tag)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx);
        api.MapGet("/counties/{code}/projects.xlsx", GetCountyProjectsXlsx)
            .WithName("GetCountyProjectsXlsx").WithSummary("The county's projects with the period's figures, as .xlsx.").WithTags(Tag)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx);
        api.MapGet("/templates/projects.xlsx", GetProjectsTemplate)
            .WithName("GetProjectsTemplate").WithSummary("The projects import template: Chinese headers, one example row, drop-downs for category and stage.").WithTags(Tag)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx);
        api.MapGet("/templates/reports.xlsx", GetReportsTemplate)
            .WithName("GetReportsTemplate").WithSummary("The monthly reports import template: Chinese headers, one example row.").WithTags(Tag)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx);
        api.MapPost("/counties/{code}/projects/import", ImportProjects)
            .WithName("ImportProjects").WithSummary("Imports projects from the template, all or nothing; ?dryRun=true checks only.").WithTags(Tag);
        api.MapPost("/counties/{code}/reports/import", ImportReports)
            .WithName("ImportReports").WithSummary("Imports a month's reports from the template, all or nothing and idempotent; ?dryRun=true checks only.").WithTags(Tag);
        return api;
    }

    /// <summary>A projects import that went through (or would, on a dry run).</summary>
    public sealed record ProjectsImportJson(int Created, int Rows, bool DryRun);

    /// <summary>A reports import that went through (or would, on a dry run).</summary>
    public sealed record ReportsImportJson(int Accepted, int Changed, int Unchanged, bool DryRun);

    /// <summary>One problem of a rejected import: its row, its column and why.</summary>
    public sealed record RowErrorJson(int Row, string Column, string Error);

    private static Task<Results<FileContentHttpResult, ValidationProblem>> GetCityProjectsXlsx(
        string code, int? year, int? month, SpreadsheetService sheets, HttpContext http) =>
        ProjectsAsync(code, DivisionCodes.IsCity(code), "A city code is six digits ending in 00.", year, month, sheets, http);

    private static Task<Results<FileContentHttpResult, ValidationProblem>> GetCountyProjectsXlsx(
        string code, int? year, int? month, SpreadsheetService sheets, HttpContext http) =>
        ProjectsAsync(code, DivisionCodes.IsCounty(code), "A county code is six digits.", year, month, sheets, http);

    private static FileContentHttpResult GetProjectsTemplate(HttpContext http)
    {
        var user = http.CurrentUser();
        var town = user.Jurisdiction.Length == 9 ? user.Jurisdiction : user.Jurisdiction.Length == 6 ? user.Jurisdiction + "101" : user.CityCode[..4] + "01101";
        return File(ImportSheets.ProjectTemplate(town, DateTime.UtcNow.Year), "projects-template.xlsx", "项目导入模板.xlsx", http);
    }

    private static FileContentHttpResult GetReportsTemplate(HttpContext http) =>
        File(ImportSheets.ReportTemplate("2023-440883-48-01-000123"), "reports-template.xlsx", "月报导入模板.xlsx", http);

    private static async Task<Results<Ok<ProjectsImportJson>, ProblemHttpResult, ValidationProblem>> ImportProjects(
        string code, bool? dryRun, SpreadsheetService sheets, HttpContext http)
    {
        if (!DivisionCodes.IsCounty(code))
        {
            return new FieldErrors().Add("code", "A county code is six digits.").ToResult();
        }

        using var body = await ReadBodyAsync(http);
        if (body is null)
        {
            return new FieldErrors().Add("file", $"The body is the .xlsx file, at most {MaxUpload / 1024 / 1024} MB.").ToResult();
        }

        var result = await sheets.ImportProjectsAsync(http.CurrentUser(), code, body, dryRun == true, Actor.Of(http));
        return result.Ok ? TypedResults.Ok(new ProjectsImportJson(result.Written, result.Rows, result.DryRun)) : Rejected(result);
    }

    private static async Task<Results<Ok<ReportsImportJson>, ProblemHttpResult, ValidationProblem>> ImportReports(
        string code, int? year, int? month, bool? dryRun, SpreadsheetService sheets, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCounty(code), "code", "A county code is six digits.")
            .Require(year is >= 2000 and <= 2100, "year", "Year must be between 2000 and 2100.")
            .Require(month is >= 1 and <= 12, "month", "Month must be between 1 and 12.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        using var body = await ReadBodyAsync(http);
        if (body is null)
        {
            return new FieldErrors().Add("file", $"The body is the .xlsx file, at most {MaxUpload / 1024 / 1024} MB.").ToResult();
        }

        var result = await sheets.ImportReportsAsync(http.CurrentUser(), code, year!.Value, month!.Value, body, dryRun == true, Actor.Of(http));
        return result.Ok
            ? TypedResults.Ok(new ReportsImportJson(result.Rows, result.Written, result.Unchanged, result.DryRun))
            : Rejected(result);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ProjectsAsync(
        string code, bool valid, string message, int? year, int? month, SpreadsheetService sheets, HttpContext http)
    {
        if (!valid)
        {
            return new FieldErrors().Add("code", message).ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        var bytes = await sheets.ProjectsXlsxAsync(http.CurrentUser(), code, period);
        return File(bytes, $"projects-{code}.xlsx", $"项目清单-{code}.xlsx", http);
    }

    private static FileContentHttpResult File(byte[] bytes, string asciiName, string name, HttpContext http)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{asciiName}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        return TypedResults.Bytes(bytes, Xlsx);
    }

    /// <summary>The 400 of an import with errors: problem+json naming every row, column and reason; nothing was written.</summary>
    private static ProblemHttpResult Rejected(ImportResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The file has errors; nothing was imported",
        detail: $"{result.Errors.Length} problem(s) in {result.Errors.Select(e => e.Row).Distinct().Count()} row(s).",
        extensions: new Dictionary<string, object?>
        {
            ["rows"] = result.Errors.Select(e => new RowErrorJson(e.Row, e.Column, e.Error)).ToList(),
            ["errors"] = new Dictionary<string, string[]> { ["file"] = [$"{result.Errors.Length} problem(s); see rows."] },
        });

    private static async Task<MemoryStream?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxUpload)
        {
            return null;
        }

        var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        if (buffer.Length == 0 || buffer.Length > MaxUpload)
        {
            await buffer.DisposeAsync();
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }
}
