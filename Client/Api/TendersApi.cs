using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Tenders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Tender supervision (招投标) and integrity risk (廉政风险): API.md "Tender supervision".</summary>
public static class TendersApi
{
    public sealed record BidderBody(
        string? Id, string? Name, string? LegalRepresentative, string? ContactPhone, string? Address, string? BondAccount,
        decimal? Price, BidStatus? Status, DateTimeOffset? ReceivedAt);

    public sealed record TenderBody(
        string? Ocid, string? Title, TenderKind? Kind, TenderMethod? Method, decimal? Budget, bool? StateFunded,
        DateOnly? NoticeDate, DateOnly? DocumentsFrom, DateOnly? DocumentsTo, DateOnly? BidDeadline, decimal? BidBondPercent,
        IReadOnlyList<BidderBody?>? Bidders, DateOnly? AwardDate, string? WinnerId, decimal? AwardPrice, DateOnly? ContractDate,
        decimal? PerformanceBondPercent, string? BuyerId, string? BuyerName);

    public sealed record ReviewBody(ReviewOutcome? Outcome, string? Note);

    /// <summary>An OCDS body larger than this is refused (a year of a city's releases fits many times over).</summary>
    public const int MaxOcdsBytes = 32 * 1024 * 1024;

    private const string Tag = "Tenders";

    /// <summary>The tender and integrity route table; the handlers follow.</summary>
    public static RouteGroupBuilder MapTendersApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{code}/tenders", CreateTender)
            .WithName("CreateTender").WithSummary("Enters a procurement process (招标采购) of the project: kind, method, windows, bidders, award, contract.").WithTags(Tag);
        api.MapPut("/projects/{code}/tenders/{id}", CorrectTender)
            .WithName("CorrectTender").WithSummary("Corrects a process; the replaced version is kept (更正记录).").WithTags(Tag);
        api.MapGet("/projects/{code}/tenders", ListProjectTenders)
            .WithName("ListProjectTenders").WithSummary("The project's processes without bidder details (those are for inspectors and the command office).").WithTags(Tag);
        api.MapGet("/tenders/{id}", GetTender)
            .WithName("GetTender").WithSummary("A process with its bidders, prices and corrections: inspectors and the command office only.").WithTags(Tag);
        api.MapPost("/cities/{code}/tenders/ocds", ImportOcds)
            .Accepts<string>("application/x-ndjson", "application/json")
            .WithName("ImportOcds").WithSummary("Imports OCDS 1.1 compiled releases (one a line) or a release package; each unreadable line is reported with its number.").WithTags(Tag);
        api.MapGet("/cities/{code}/integrity/flags", ListIntegrityFlags)
            .WithName("ListIntegrityFlags").WithSummary("The integrity alerts the user may see, with their evidence and basis, and the fences of the statistical flags.").WithTags(Tag);
        api.MapGet("/integrity/flags/{id}", GetIntegrityFlag)
            .WithName("GetIntegrityFlag").WithSummary("One alert with its evidence, basis and reviews.").WithTags(Tag);
        api.MapPost("/integrity/flags/{id}/review", ReviewIntegrityFlag)
            .WithName("ReviewIntegrityFlag").WithSummary("An inspector confirms or dismisses an alert with a note (kept with who and when).").WithTags(Tag);
        api.MapGet("/cities/{code}/integrity/summary", GetIntegritySummary)
            .WithName("GetIntegritySummary").WithSummary("Open and confirmed alerts by county and indicator.").WithTags(Tag);
        api.MapGet("/cities/{code}/integrity/coverage", GetIntegrityCoverage)
            .WithName("GetIntegrityCoverage").WithSummary("Per indicator: processes it applies to, evaluated, and what data was missing for the rest.").WithTags(Tag);
        api.MapGet("/cities/{code}/integrity/settings", GetIntegritySettings)
            .WithName("GetIntegritySettings").WithSummary("The city's thresholds and limits for the checks.").WithTags(Tag);
        api.MapPut("/cities/{code}/integrity/settings", PutIntegritySettings)
            .WithName("PutIntegritySettings").WithSummary("The command office changes the city's thresholds and limits (fields left out keep their defaults).").WithTags(Tag);
        return api;
    }

    private static async Task<Results<Created<TenderSummaryJson>, ValidationProblem>> CreateTender(string code, TenderBody body, TenderService tenders, HttpContext http)
    {
        var (input, errors) = ToInput(code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var user = http.CurrentUser();
        var view = await tenders.CreateAsync(user, code, input!, Actor.Of(http));
        return TypedResults.Created($"/api/v1/tenders/{view.Record.Id}",
            TenderJson.Summary(view.Record, tenders.CanSeeIntegrity(user, view.Record.Placement.CityCode, view.Record.Placement.CountyCode)));
    }

    private static async Task<Results<Ok<TenderSummaryJson>, ValidationProblem>> CorrectTender(
        string code, string id, TenderBody body, TenderService tenders, HttpContext http)
    {
        var (input, errors) = ToCorrection(code, id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var user = http.CurrentUser();
        var view = await tenders.UpdateAsync(user, code, id, input!, Actor.Of(http));
        return TypedResults.Ok(TenderJson.Summary(view.Record, tenders.CanSeeIntegrity(user, view.Record.Placement.CityCode, view.Record.Placement.CountyCode)));
    }

    private static async Task<Results<Ok<ProjectTendersJson>, ValidationProblem>> ListProjectTenders(string code, TenderService tenders, HttpContext http)
    {
        if (!ProjectsApi.IsProjectCode(code))
        {
            return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
        }

        var records = await tenders.ListForProjectAsync(http.CurrentUser(), code);
        return TypedResults.Ok(new ProjectTendersJson(code, [.. records.Select(r => TenderJson.Summary(r, withBidders: false))]));
    }

    private static async Task<Results<Ok<TenderDetailJson>, ValidationProblem>> GetTender(string id, TenderService tenders, HttpContext http)
    {
        if (!TenderRules.IsTenderId(id))
        {
            return new FieldErrors().Add("id", "A tender id is letters, digits, dots, dashes and underscores.").ToResult();
        }

        return TypedResults.Ok(TenderJson.Detail(await tenders.GetDetailAsync(http.CurrentUser(), id)));
    }

    private static async Task<Results<Ok<OcdsImportJson>, ValidationProblem>> ImportOcds(string code, TenderService tenders, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        if (http.Request.ContentLength > MaxOcdsBytes)
        {
            return new FieldErrors().Add("body", $"At most {MaxOcdsBytes / 1024 / 1024} MB a request; split the file.").ToResult();
        }

        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new FieldErrors().Add("body", "The body is OCDS compiled releases, one JSON object a line, or a release package.").ToResult();
        }

        var result = await tenders.ImportOcdsAsync(http.CurrentUser(), code, body, Actor.Of(http));
        return TypedResults.Ok(new OcdsImportJson(result.Imported, result.Updated, [.. result.Rejected.Select(r => new OcdsLineErrorJson(r.Line, r.Error))]));
    }

    private static async Task<Results<Ok<FlagsJson>, ValidationProblem>> ListIntegrityFlags(
        string code, string? indicator, string? county, string? status, TenderService tenders, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
            .Require(indicator is null || IndicatorCatalog.Exists(indicator), "indicator", $"Indicator is one of {string.Join(", ", IndicatorCatalog.All.Select(i => i.Id))}.")
            .Require(county is null || DivisionCodes.IsCounty(county), "county", "A county code is six digits.");
        var filter = EnumText.ReadOptional<FlagStatus>(status, errors, "status");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var (flags, fences) = await tenders.FlagsAsync(http.CurrentUser(), code, indicator, county, filter);
        return TypedResults.Ok(new FlagsJson([.. flags.Select(TenderJson.Flag)], fences.ToDictionary(f => f.Key, f => TenderJson.Fence(f.Value))));
    }

    private static async Task<Ok<FlagJson>> GetIntegrityFlag(string id, TenderService tenders, HttpContext http) =>
        TypedResults.Ok(TenderJson.Flag(await tenders.FlagAsync(http.CurrentUser(), id)));

    private static async Task<Results<Ok<FlagJson>, ValidationProblem>> ReviewIntegrityFlag(string id, ReviewBody body, TenderService tenders, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(body.Outcome is not null, "outcome", "Outcome is confirmed or dismissed.")
            .Require(!string.IsNullOrWhiteSpace(body.Note) && body.Note.Length <= 1000, "note", "A note is required (at most 1000 characters).");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var flag = await tenders.ReviewAsync(http.CurrentUser(), id, body.Outcome!.Value, body.Note!, Actor.Of(http));
        return TypedResults.Ok(TenderJson.Flag(flag));
    }

    private static async Task<Results<Ok<IntegritySummaryJson>, ValidationProblem>> GetIntegritySummary(string code, TenderService tenders, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        var rows = await tenders.SummaryAsync(http.CurrentUser(), code);
        return TypedResults.Ok(new IntegritySummaryJson(code, [.. rows.GroupBy(r => r.CountyCode).Select(g => new CountyIntegrityJson(
            g.Key, g.Sum(r => r.Open), g.Sum(r => r.Confirmed), g.Sum(r => r.Dismissed),
            [.. g.Select(r => new IndicatorCountJson(r.Indicator, r.Open, r.Confirmed, r.Dismissed))]))]));
    }

    private static async Task<Results<Ok<IntegrityCoverageJson>, ValidationProblem>> GetIntegrityCoverage(string code, TenderService tenders, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        var rows = await tenders.CoverageAsync(http.CurrentUser(), code);
        return TypedResults.Ok(new IntegrityCoverageJson([.. rows.Select(r => new IndicatorCoverageJson(
            r.Indicator, r.Processes, r.Evaluated, r.Missing, r.Flagged, r.Fence is { } f ? TenderJson.Fence(f) : null, r.Note))]));
    }

    private static async Task<Results<Ok<IntegritySettings>, ValidationProblem>> GetIntegritySettings(string code, TenderService tenders, HttpContext http) =>
        DivisionCodes.IsCity(code)
            ? TypedResults.Ok(await tenders.GetSettingsAsync(http.CurrentUser(), code))
            : new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();

    private static async Task<Results<Ok<IntegritySettings>, ValidationProblem>> PutIntegritySettings(
        string code, IntegritySettings body, TenderService tenders, HttpContext http) =>
        DivisionCodes.IsCity(code)
            ? TypedResults.Ok(await tenders.SetSettingsAsync(http.CurrentUser(), code, body, Actor.Of(http)))
            : new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();

    /// <summary>The corrected record a body describes for process <paramref name="id"/> (the API's PUT and the portal's correction form).</summary>
    internal static (TenderInput? Input, FieldErrors Errors) ToCorrection(string projectCode, string id, TenderBody body)
    {
        var (input, errors) = ToInput(projectCode, body);
        errors.Require(TenderRules.IsTenderId(id), "id", "A tender id is letters, digits, dots, dashes and underscores.");
        return (input, errors);
    }

    /// <summary>The record a body describes, or the fields that are missing or wrong.</summary>
    internal static (TenderInput? Input, FieldErrors Errors) ToInput(string projectCode, TenderBody body)
    {
        var errors = new FieldErrors()
            .Require(ProjectsApi.IsProjectCode(projectCode), "code", "A project code is letters, digits and dashes, at most 64.")
            .Require(!string.IsNullOrWhiteSpace(body.Title), "title", RuleMessage.Of("TenderTitle", "Title is required."))
            .Require(body.Kind is not null, "kind", RuleMessage.Of("TenderKind", "Kind is works, goods or services."))
            .Require(body.Method is not null, "method", RuleMessage.Of("TenderMethod", "Method is open, invited, negotiation, singleSource or direct."))
            .Require(body.StateFunded is not null, "stateFunded", "stateFunded (true or false) is required.");
        var bidders = ImmutableArray.CreateBuilder<Bidder>();
        var list = body.Bidders ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var b = list[i];
            if (b is null)
            {
                errors.Add($"bidders[{i}]", "A bidder is an object.");
                continue;
            }

            errors.Require(b.Status is not null, $"bidders[{i}].status", "Status is valid, disqualified or withdrawn.")
                .Require(b.Price is not null || b.Status == BidStatus.Withdrawn, $"bidders[{i}].price", RuleMessage.Of("BidPrice", "The bid price (万元) is required."));
            bidders.Add(new Bidder((b.Id ?? "").Trim(), (b.Name ?? "").Trim(), Clean(b.LegalRepresentative), Clean(b.ContactPhone), Clean(b.Address),
                Clean(b.BondAccount), b.Price, b.Status ?? BidStatus.Valid, b.ReceivedAt));
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var input = new TenderInput(Clean(body.Ocid), body.Title!.Trim(), body.Kind!.Value, body.Method!.Value, body.Budget, body.StateFunded!.Value,
            body.NoticeDate, body.DocumentsFrom, body.DocumentsTo, body.BidDeadline, body.BidBondPercent, bidders.ToImmutable(),
            body.AwardDate, Clean(body.WinnerId), body.AwardPrice, body.ContractDate, body.PerformanceBondPercent,
            Clean(body.BuyerId), Clean(body.BuyerName), ProcuringEntityId: null);
        if (TenderRules.Rule(input, imported: false) is { } problem)
        {
            errors.Add(problem.Field, problem.Message);
        }

        return (input, errors);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
