using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Client.Spreadsheets;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Tenders;

namespace Liandong.Client.Api;

/// <summary>
/// Every list the portal shows, as .xlsx (API.md "Spreadsheets"): the route of a list with <c>.xlsx</c> after it, the
/// same query, the same jurisdiction check, the same rows in the same order (<see cref="ExportService"/>). The portal
/// maps the same routes under <c>/portal/files</c> for its download buttons (cookie instead of bearer token).
/// </summary>
public static class ExportsApi
{
    private const string Tag = "Spreadsheets";

    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api) => MapExports(api, named: true);

    /// <summary>Maps the export routes on <paramref name="group"/>; <paramref name="named"/> only once (endpoint names are unique).</summary>
    public static RouteGroupBuilder MapExports(RouteGroupBuilder group, bool named)
    {
        Describe(group.MapGet("/me/tasks.xlsx", async (ExportService exports, HttpContext http) =>
                File(await exports.TasksAsync(http.CurrentUser()), http)),
            named, "ExportMyTasks", "The signed-in account's work list (待办) as .xlsx.");

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                     ("towns", DivisionCodes.IsTown, "A town code is nine digits."),
                 })
        {
            Describe(group.MapGet($"/{segment}/{{code}}/missing-reports.xlsx", async (string code, int? year, int? month, bool? dueSoon, ExportService exports, HttpContext http) =>
                {
                    if (!isCode(code))
                    {
                        return new FieldErrors().Add("code", rule).ToResult();
                    }

                    return !Period.TryRead(year, month, out var period, out var error)
                        ? error!
                        : File(await exports.MissingReportsAsync(http.CurrentUser(), code, period, dueSoon == true), http);
                }),
                named, $"ExportMissingReportsOf{segment}", "The projects without the month's report (缺报), as .xlsx; ?dueSoon=true lists them before the due day too.");
        }

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("cities", DivisionCodes.IsCity, "A city code is six digits ending in 00."),
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                     ("towns", DivisionCodes.IsTown, "A town code is nine digits."),
                 })
        {
            Describe(group.MapGet($"/{segment}/{{code}}/matters.xlsx", async (string code, string? status, ExportService exports, HttpContext http) =>
                {
                    var errors = new FieldErrors().Require(isCode(code), "code", rule);
                    var filter = EnumText.ReadOptional<MatterStatus>(status, errors, "status", ignoreCase: true, "status is open, answered, resolved or reopened.");
                    return errors.Any ? errors.ToResult() : File(await exports.DivisionMattersAsync(http.CurrentUser(), code, filter), http);
                }),
                named, $"ExportMattersOf{segment}", "The matters of the jurisdiction (raised in or addressed to it, and below), as .xlsx; ?status=S.");
        }

        Describe(group.MapGet("/departments/{id}/matters.xlsx", async (string id, string? status, ExportService exports, HttpContext http) =>
            {
                var errors = new FieldErrors().Require(CoordinationIds.IsDepartmentId(id), "id", "A department id is {cityCode}-{slug}.");
                var filter = EnumText.ReadOptional<MatterStatus>(status, errors, "status", ignoreCase: true, "status is open, answered, resolved or reopened.");
                return errors.Any ? errors.ToResult() : File(await exports.DepartmentMattersAsync(http.CurrentUser(), id, filter), http);
            }),
            named, "ExportDepartmentMatters", "The matters assigned to the department, as .xlsx; ?status=S.");

        Describe(group.MapGet("/cities/{code}/leaders.xlsx", async (string code, int? year, int? month, ExportService exports, HttpContext http) =>
            {
                if (!DivisionCodes.IsCity(code))
                {
                    return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
                }

                return !Period.TryRead(year, month, out var period, out var error)
                    ? error!
                    : File(await exports.LeadersAsync(http.CurrentUser(), code, period), http);
            }),
            named, "ExportLeaders", "The city's leaders and their linked projects with the period's figures, one row per leader and project, as .xlsx.");

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("cities", DivisionCodes.IsCity, "A city code is six digits ending in 00."),
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                 })
        {
            Describe(group.MapGet($"/{segment}/{{code}}/financing.xlsx", async (string code, string? status, ExportService exports, HttpContext http) =>
                {
                    var errors = new FieldErrors().Require(isCode(code), "code", rule);
                    var filter = EnumText.ReadOptional<FinancingStatus>(status, errors, "status");
                    return errors.Any ? errors.ToResult() : File(await exports.FinancingAsync(http.CurrentUser(), code, filter), http);
                }),
                named, $"ExportFinancingOf{segment}", "The financing requests of the division, the latest change first, as .xlsx; ?status=S.");

            Describe(group.MapGet($"/{segment}/{{code}}/leads.xlsx", async (string code, string? stage, bool? overdue, string? county, ExportService exports, HttpContext http) =>
                {
                    var errors = new FieldErrors().Require(isCode(code), "code", rule)
                        .Require(county is null || (segment == "cities" && DivisionCodes.IsCounty(county) && DivisionCodes.IsCity(code) && DivisionCodes.CountyBelongsTo(county, code)),
                            "county", "A county of the city.");
                    var filterStage = EnumText.ReadOptional<LeadStage>(stage, errors, "stage");
                    return errors.Any
                        ? errors.ToResult()
                        : File(await exports.LeadsAsync(http.CurrentUser(), code, new LeadFilter(segment == "cities" ? county : code, filterStage, overdue)), http);
                }),
                named, $"ExportLeadsOf{segment}", "The division's investment leads (招商线索), filtered like the list, as .xlsx.");
        }

        Describe(group.MapGet("/cities/{code}/integrity/flags.xlsx", async (string code, string? indicator, string? county, string? status, ExportService exports, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
                    .Require(indicator is null || IndicatorCatalog.Exists(indicator), "indicator", "Indicator is one of the catalogue's ids.")
                    .Require(county is null || DivisionCodes.IsCounty(county), "county", "A county code is six digits.");
                var filter = EnumText.ReadOptional<FlagStatus>(status, errors, "status");
                return errors.Any ? errors.ToResult() : File(await exports.IntegrityFlagsAsync(http.CurrentUser(), code, indicator, county, filter), http);
            }),
            named, "ExportIntegrityFlags", "The integrity alerts (招投标预警) the user may see, as .xlsx; ?indicator=&county=&status=.");

        Describe(group.MapGet("/projects/{code}/tenders.xlsx", async (string code, ExportService exports, HttpContext http) =>
                !ProjectsApi.IsProjectCode(code)
                    ? new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult()
                    : File(await exports.ProjectTendersAsync(http.CurrentUser(), code), http)),
            named, "ExportProjectTenders", "A project's procurement processes (招标采购), as .xlsx.");

        Describe(group.MapGet("/banks/{code}/financing.xlsx", async (string code, string? status, ExportService exports, HttpContext http) =>
            {
                var errors = new FieldErrors().Require(BankCodes.IsValid(code), "code", "A bank code is a slug of lower-case letters, digits and dashes.");
                var filter = EnumText.ReadOptional<BankRequestStatus>(status, errors, "status");
                return errors.Any ? errors.ToResult() : File(await exports.BankInboxAsync(http.CurrentUser(), code, filter), http);
            }),
            named, "ExportBankInbox", "The bank's inbox (the requests recommended to it, with its own status), as .xlsx; ?status=S.");

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("cities", DivisionCodes.IsCity, "A city code is six digits ending in 00."),
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                 })
        {
            Describe(group.MapGet($"/{segment}/{{code}}/meetings.xlsx", async (string code, ExportService exports, HttpContext http) =>
                    !isCode(code) ? new FieldErrors().Add("code", rule).ToResult() : File(await exports.MeetingsAsync(http.CurrentUser(), code), http)),
                named, $"ExportMeetingsOf{segment}", "The on-site office meetings (现场办公会) held in the city or at the county, newest first, as .xlsx.");
        }

        foreach (var (segment, isCode, rule) in new (string, Func<string, bool>, string)[]
                 {
                     ("cities", DivisionCodes.IsCity, "A city code is six digits ending in 00."),
                     ("counties", c => DivisionCodes.IsCounty(c) && !DivisionCodes.IsCity(c), "A county code is six digits."),
                     ("towns", DivisionCodes.IsTown, "A town code is nine digits."),
                 })
        {
            Describe(group.MapGet($"/{segment}/{{code}}/directives.xlsx", async (string code, ExportService exports, HttpContext http) =>
                    !isCode(code) ? new FieldErrors().Add("code", rule).ToResult() : File(await exports.DirectivesAsync(http.CurrentUser(), code), http)),
                named, $"ExportDirectivesOf{segment}", "The directives (督办事项) that reach the jurisdiction, with its own share's progress, as .xlsx.");
        }

        Describe(group.MapGet("/projects/{code}/factors.xlsx", async (string code, ExportService exports, HttpContext http) =>
                !ProjectsApi.IsProjectCode(code)
                    ? new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult()
                    : File(await exports.ProjectFactorNeedsAsync(http.CurrentUser(), code), http)),
            named, "ExportProjectFactorNeeds", "A project's factor needs (要素需求), met ones included, as .xlsx.");

        Describe(group.MapGet("/referrers/{id}/leads.xlsx", async (string id, ExportService exports, HttpContext http) =>
                !ReferrerIds.IsValid(id)
                    ? new FieldErrors().Add("id", "A referrer id is {cityCode}-{slug}.").ToResult()
                    : File(await exports.ReferrerLeadsAsync(http.CurrentUser(), id), http)),
            named, "ExportReferrerLeads", "The leads a referrer (乡贤, 商会, 中介机构) brought, as its page lists them, as .xlsx.");

        return group;
    }

    private static void Describe(RouteHandlerBuilder route, bool named, string name, string summary)
    {
        route.Produces<byte[]>(StatusCodes.Status200OK, ListExport.ContentType);
        if (named)
        {
            route.WithName(name).WithSummary(summary).WithTags(Tag);
        }
    }

    private static IResult File(ExportFile file, HttpContext http)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.AsciiName}\"; filename*=UTF-8''{Uri.EscapeDataString(file.Name)}";
        return Results.Bytes(file.Bytes, ListExport.ContentType);
    }
}
