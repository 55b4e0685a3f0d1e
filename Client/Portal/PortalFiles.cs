using Liandong.Client.Auth;
using Liandong.Client.Briefings;
using Liandong.Client.Services;
using Liandong.Client.Spreadsheets;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Portal;

/// <summary>
/// The portal's downloads (the 通报, project lists, import templates) for a signed-in browser: the same services and
/// jurisdiction checks as the API routes, under the portal's cookie instead of a bearer token.
/// </summary>
public static class PortalFiles
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Briefing(string city, int year, int month, string format) => $"/portal/files/briefings/{city}/{year}/{month}.{format}";

    public static string Projects(string code, int year, int month) => $"/portal/files/projects/{code}.xlsx?year={year}&month={month}";

    public static string Template(string kind) => $"/portal/files/templates/{kind}.xlsx";

    /// <summary>A list's .xlsx (ExportsApi): <paramref name="route"/> is the list's API route with .xlsx, e.g. "me/tasks.xlsx".</summary>
    public static string Export(string route) => "/portal/files/" + route.TrimStart('/');

    public static WebApplication MapPortalFiles(this WebApplication app)
    {
        var files = app.MapGroup("/portal/files").RequireAuthorization().ExcludeFromDescription();
        Liandong.Client.Api.ExportsApi.MapExports(files, named: false);

        files.MapGet("/briefings/{city}/{year:int}/{file}", async (string city, int year, string file, BriefingService briefings, HttpContext http) =>
        {
            var dot = file.IndexOf('.', StringComparison.Ordinal);
            if (!DivisionCodes.IsCity(city) || dot < 1 || !int.TryParse(file[..dot], out var month) || month is < 1 or > 12 || year is < 2000 or > 2100)
            {
                return Results.NotFound();
            }

            var format = file[(dot + 1)..];
            var user = http.CurrentUser();
            var briefing = await briefings.BuildAsync(user, city, year, month);
            Name(http, $"briefing-{city}-{year}-{month:D2}.{format}", $"{briefing.Title}.{format}");
            return format switch
            {
                "docx" => Results.Bytes(BriefingWriters.Docx(briefing), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                "xlsx" => Results.Bytes(BriefingWriters.Xlsx(briefing), Xlsx),
                "md" => Results.Text(BriefingWriters.Markdown(briefing), "text/markdown; charset=utf-8"),
                _ => Results.NotFound(),
            };
        });

        files.MapGet("/projects/{code}.xlsx", async (string code, int? year, int? month, SpreadsheetService sheets, HttpContext http) =>
        {
            if (!DivisionCodes.IsCity(code) && !DivisionCodes.IsCounty(code) && !DivisionCodes.IsTown(code))
            {
                return Results.NotFound();
            }

            var period = year is >= 2000 and <= 2100 && month is >= 1 and <= 12 ? new PeriodQuery(year, month) : PeriodQuery.Latest;
            var bytes = await sheets.ProjectsXlsxAsync(http.CurrentUser(), code, period);
            Name(http, $"projects-{code}.xlsx", $"项目清单-{code}.xlsx");
            return Results.Bytes(bytes, Xlsx);
        });

        files.MapGet("/templates/{kind}.xlsx", (string kind, HttpContext http) =>
        {
            var user = http.CurrentUser();
            var town = user.Jurisdiction.Length == 9 ? user.Jurisdiction : user.Jurisdiction.Length == 6 && user.Jurisdiction != user.CityCode
                ? user.Jurisdiction + "101" : user.CityCode[..4] + "01101";
            (byte[] Bytes, string Name)? template = kind switch
            {
                "projects" => (ImportSheets.ProjectTemplate(town, DateTime.UtcNow.Year), "项目导入模板.xlsx"),
                "reports" => (ImportSheets.ReportTemplate("2023-440883-48-01-000123"), "月报导入模板.xlsx"),
                _ => null,
            };
            if (template is not { } t)
            {
                return Results.NotFound();
            }

            Name(http, $"{kind}-template.xlsx", t.Name);
            return Results.Bytes(t.Bytes, Xlsx);
        });

        return app;
    }

    private static void Name(HttpContext http, string ascii, string name) =>
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
}
