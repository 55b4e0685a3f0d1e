using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Tenders;

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

    public static RouteGroupBuilder MapTendersApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{code}/tenders", async (string code, TenderBody body, TenderService tenders, HttpContext http) =>
            {
                var (input, errors) = ToInput(code, body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var user = http.CurrentUser();
                var view = await tenders.CreateAsync(user, code, input!, Actor.Of(http));
                return Results.Created($"/api/v1/tenders/{view.Record.Id}", TenderJson.Summary(view.Record, tenders.CanSeeIntegrity(user, view.Record.Placement.CityCode, view.Record.Placement.CountyCode)));
            })
            .WithName("CreateTender").WithSummary("Enters a procurement process (招标采购) of the project: kind, method, windows, bidders, award, contract.").WithTags(Tag);

        api.MapPut("/projects/{code}/tenders/{id}", async (string code, string id, TenderBody body, TenderService tenders, HttpContext http) =>
            {
                var (input, errors) = ToInput(code, body);
                errors.Require(TenderRules.IsTenderId(id), "id", "A tender id is letters, digits, dots, dashes and underscores.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var user = http.CurrentUser();
                var view = await tenders.UpdateAsync(user, code, id, input!, Actor.Of(http));
                return Results.Ok(TenderJson.Summary(view.Record, tenders.CanSeeIntegrity(user, view.Record.Placement.CityCode, view.Record.Placement.CountyCode)));
            })
            .WithName("CorrectTender").WithSummary("Corrects a process; the replaced version is kept (更正记录).").WithTags(Tag);

        api.MapGet("/projects/{code}/tenders", async (string code, TenderService tenders, HttpContext http) =>
            {
                if (!ProjectsApi.IsProjectCode(code))
                {
                    return new FieldErrors().Add("code", "A project code is letters, digits and dashes, at most 64.").ToResult();
                }

                var records = await tenders.ListForProjectAsync(http.CurrentUser(), code);
                return Results.Ok(new { projectCode = code, tenders = records.Select(r => TenderJson.Summary(r, withBidders: false)) });
            })
            .WithName("ListProjectTenders").WithSummary("The project's processes without bidder details (those are for inspectors and the command office).").WithTags(Tag);

        api.MapGet("/tenders/{id}", async (string id, TenderService tenders, HttpContext http) =>
            {
                if (!TenderRules.IsTenderId(id))
                {
                    return new FieldErrors().Add("id", "A tender id is letters, digits, dots, dashes and underscores.").ToResult();
                }

                var view = await tenders.GetDetailAsync(http.CurrentUser(), id);
                return Results.Ok(TenderJson.Detail(view));
            })
            .WithName("GetTender").WithSummary("A process with its bidders, prices and corrections: inspectors and the command office only.").WithTags(Tag);

        api.MapPost("/cities/{code}/tenders/ocds", async (string code, TenderService tenders, HttpContext http) =>
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
                return Results.Ok(new
                {
                    imported = result.Imported,
                    updated = result.Updated,
                    rejected = result.Rejected.Select(r => new { line = r.Line, error = r.Error }),
                });
            })
            .Accepts<string>("application/x-ndjson", "application/json")
            .WithName("ImportOcds").WithSummary("Imports OCDS 1.1 compiled releases (one a line) or a release package; each unreadable line is reported with its number.").WithTags(Tag);

        api.MapGet("/cities/{code}/integrity/flags", async (string code, string? indicator, string? county, string? status, TenderService tenders, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
                    .Require(indicator is null || IndicatorCatalog.Exists(indicator), "indicator", $"Indicator is one of {string.Join(", ", IndicatorCatalog.All.Select(i => i.Id))}.")
                    .Require(county is null || DivisionCodes.IsCounty(county), "county", "A county code is six digits.");
                FlagStatus? filter = null;
                if (status is not null)
                {
                    if (EnumText.TryParse<FlagStatus>(status, out var parsed))
                    {
                        filter = parsed;
                    }
                    else
                    {
                        errors.Add("status", $"Status is one of {EnumText.List<FlagStatus>()}.");
                    }
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var (flags, fences) = await tenders.FlagsAsync(http.CurrentUser(), code, indicator, county, filter);
                return Results.Ok(new
                {
                    flags = flags.Select(TenderJson.Flag),
                    fences = fences.ToDictionary(f => f.Key, f => TenderJson.Fence(f.Value)),
                });
            })
            .WithName("ListIntegrityFlags").WithSummary("The integrity alerts the user may see, with their evidence and basis, and the fences of the statistical flags.").WithTags(Tag);

        api.MapGet("/integrity/flags/{id}", async (string id, TenderService tenders, HttpContext http) =>
                Results.Ok(TenderJson.Flag(await tenders.FlagAsync(http.CurrentUser(), id))))
            .WithName("GetIntegrityFlag").WithSummary("One alert with its evidence, basis and reviews.").WithTags(Tag);

        api.MapPost("/integrity/flags/{id}/review", async (string id, ReviewBody body, TenderService tenders, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(body.Outcome is not null, "outcome", "Outcome is confirmed or dismissed.")
                    .Require(!string.IsNullOrWhiteSpace(body.Note) && body.Note.Length <= 1000, "note", "A note is required (at most 1000 characters).");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var flag = await tenders.ReviewAsync(http.CurrentUser(), id, body.Outcome!.Value, body.Note!, Actor.Of(http));
                return Results.Ok(TenderJson.Flag(flag));
            })
            .WithName("ReviewIntegrityFlag").WithSummary("An inspector confirms or dismisses an alert with a note (kept with who and when).").WithTags(Tag);

        api.MapGet("/cities/{code}/integrity/summary", async (string code, TenderService tenders, HttpContext http) =>
            {
                if (!DivisionCodes.IsCity(code))
                {
                    return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
                }

                var rows = await tenders.SummaryAsync(http.CurrentUser(), code);
                return Results.Ok(new
                {
                    cityCode = code,
                    counties = rows.GroupBy(r => r.CountyCode).Select(g => new
                    {
                        countyCode = g.Key,
                        open = g.Sum(r => r.Open),
                        confirmed = g.Sum(r => r.Confirmed),
                        dismissed = g.Sum(r => r.Dismissed),
                        indicators = g.Select(r => new { indicator = r.Indicator, open = r.Open, confirmed = r.Confirmed, dismissed = r.Dismissed }),
                    }),
                });
            })
            .WithName("GetIntegritySummary").WithSummary("Open and confirmed alerts by county and indicator.").WithTags(Tag);

        api.MapGet("/cities/{code}/integrity/coverage", async (string code, TenderService tenders, HttpContext http) =>
            {
                if (!DivisionCodes.IsCity(code))
                {
                    return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
                }

                var rows = await tenders.CoverageAsync(http.CurrentUser(), code);
                return Results.Ok(new
                {
                    indicators = rows.Select(r => new
                    {
                        indicator = r.Indicator,
                        processes = r.Processes,
                        evaluated = r.Evaluated,
                        missing = r.Missing,
                        flagged = r.Flagged,
                        fence = r.Fence is { } f ? TenderJson.Fence(f) : null,
                        note = r.Note,
                    }),
                });
            })
            .WithName("GetIntegrityCoverage").WithSummary("Per indicator: processes it applies to, evaluated, and what data was missing for the rest.").WithTags(Tag);

        api.MapGet("/cities/{code}/integrity/settings", async (string code, TenderService tenders, HttpContext http) =>
                DivisionCodes.IsCity(code)
                    ? Results.Ok(await tenders.GetSettingsAsync(http.CurrentUser(), code))
                    : new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult())
            .WithName("GetIntegritySettings").WithSummary("The city's thresholds and limits for the checks.").WithTags(Tag);

        api.MapPut("/cities/{code}/integrity/settings", async (string code, IntegritySettings body, TenderService tenders, HttpContext http) =>
                DivisionCodes.IsCity(code)
                    ? Results.Ok(await tenders.SetSettingsAsync(http.CurrentUser(), code, body, Actor.Of(http)))
                    : new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult())
            .WithName("PutIntegritySettings").WithSummary("The command office changes the city's thresholds and limits (fields left out keep their defaults).").WithTags(Tag);

        return api;
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
        if (TenderRules.Problem(input, imported: false) is { } problem)
        {
            errors.Add(problem.Field, problem.Message);
        }

        return (input, errors);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The JSON shapes of processes and alerts.</summary>
internal static class TenderJson
{
    public static object Summary(TenderRecord r, bool withBidders)
    {
        var d = r.Data;
        return new
        {
            id = r.Id,
            ocid = d.Ocid,
            projectCode = r.Placement.ProjectCode,
            countyCode = r.Placement.CountyCode,
            cityCode = r.Placement.CityCode,
            source = r.Placement.Source,
            title = d.Title,
            kind = d.Kind,
            method = d.Method,
            budget = d.Budget,
            stateFunded = d.StateFunded,
            noticeDate = d.NoticeDate,
            documentsFrom = d.DocumentsFrom,
            documentsTo = d.DocumentsTo,
            bidDeadline = d.BidDeadline,
            bidBondPercent = d.BidBondPercent,
            bidderCount = d.Bidders.Length,
            bidders = withBidders ? d.Bidders.Select(Bidder) : null,
            awardDate = d.AwardDate,
            winnerId = withBidders ? d.WinnerId : null,
            awardPrice = d.AwardPrice,
            contractDate = d.ContractDate,
            performanceBondPercent = d.PerformanceBondPercent,
            version = r.Version,
            updatedAt = r.UpdatedAt,
            updatedBy = r.UpdatedBy,
        };
    }

    public static object Bidder(Bidder b) => new
    {
        id = b.Id,
        name = b.Name,
        legalRepresentative = b.LegalRepresentative,
        contactPhone = b.ContactPhone,
        address = b.Address,
        bondAccount = b.BondAccount,
        price = b.Price,
        status = b.Status,
        receivedAt = b.ReceivedAt,
    };

    public static object Detail(TenderView view) => new
    {
        tender = Summary(view.Record, withBidders: true),
        buyerId = view.Record.Data.BuyerId,
        buyerName = view.Record.Data.BuyerName,
        corrections = view.Corrections.Select(c => new
        {
            savedAt = c.SavedAt,
            savedBy = c.SavedBy,
            replacedAt = c.ReplacedAt,
            replacedBy = c.ReplacedBy,
            before = Summary(view.Record with { Data = c.Data }, withBidders: true),
        }),
    };

    public static object Fence(Fence f) => new { q1 = f.Q1, q3 = f.Q3, lower = f.Lower, upper = f.Upper, sampleSize = f.SampleSize, configured = f.Configured };

    public static object Flag(IntegrityFlag f) => new
    {
        id = f.Id,
        indicator = f.Indicator,
        level = f.Finding.Level,
        subject = f.Finding.Subject,
        scope = f.Finding.Scope,
        ocid = f.Finding.Ocid,
        tenderId = f.Finding.TenderId,
        projectCode = f.Finding.ProjectCode,
        countyCode = f.CountyCode,
        value = f.Finding.Value,
        severity = f.Severity,
        evidence = new
        {
            figures = f.Finding.Evidence.Figures.Select(x => new { name = x.Name, value = x.Value }),
            organisations = f.Finding.Evidence.Organisations,
            processes = f.Finding.Evidence.Processes,
            fence = f.Finding.Evidence.Fence is { } fence ? Fence(fence) : null,
        },
        basis = f.Basis,
        status = f.Status,
        reviews = f.Reviews.Select(r => new { outcome = r.Outcome, note = r.Note, by = r.By, at = r.At }),
        raisedAt = f.RaisedAt,
        updatedAt = f.UpdatedAt,
    };
}
