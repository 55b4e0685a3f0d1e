using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Government–bank–enterprise coordination (API.md "政银企 and 要素供给"): enterprises, banks, owners and financing requests.</summary>
public static class FinanceApi
{
    public sealed record EnterpriseBody(string? Name, string? CountyCode);

    public sealed record BankBody(string? Name, string? CityCode);

    public sealed record OwnerBody(string? CreditCode);

    public sealed record FinancingBody(string? ProjectCode, string? CreditCode, decimal? Amount, string? Purpose, int? TermMonths);

    public sealed record RecommendBody(IReadOnlyList<string?>? BankCodes, string? Note);

    public sealed record OfferBody(string? BankCode, decimal? Amount, decimal? RatePercent, int? TermMonths);

    public sealed record DeclineBody(string? BankCode, string? Reason);

    public sealed record AcceptBody(string? OfferId);

    public sealed record DisbursementBody(decimal? Amount, DateOnly? Date);

    private const string Tag = "Finance";

    /// <summary>The financing route table (the factor-supply routes are FactorsApi's); the handlers follow.</summary>
    public static RouteGroupBuilder MapFinanceApi(this RouteGroupBuilder api)
    {
        api.MapPut("/enterprises/{creditCode}", PutEnterprise)
            .WithName("PutEnterprise").WithSummary("Registers an enterprise under its unified social credit code (check character verified).").WithTags(Tag);
        api.MapGet("/enterprises/{creditCode}", GetEnterprise)
            .WithName("GetEnterprise").WithSummary("The enterprise with the projects it owns and its financing requests.").WithTags(Tag);
        api.MapPut("/banks/{code}", PutBank)
            .WithName("PutBank").WithSummary("Registers a bank (branch) in its city, or renames it.").WithTags(Tag);
        api.MapGet("/banks/{code}", GetBank)
            .WithName("GetBank").WithSummary("The bank with its amounts offered, accepted and disbursed.").WithTags(Tag);
        api.MapGet("/banks/{code}/financing", GetBankInbox)
            .WithName("GetBankInbox").WithSummary("The bank's inbox: the requests recommended to it, with its own status (recommended, offered, declined, accepted, disbursed, closed).").WithTags(Tag);
        api.MapPut("/projects/{code}/owner", PutProjectOwner)
            .WithName("PutProjectOwner").WithSummary("Sets the project's owner enterprise (项目业主).").WithTags(Tag);
        api.MapPost("/financing", SubmitFinancing)
            .WithName("SubmitFinancing").WithSummary("The owner enterprise posts a financing need for its project: status submitted.").WithTags(Tag);
        api.MapGet("/financing/{id}", GetFinancing)
            .WithName("GetFinancing").WithSummary("The request with its banks, offers, declines, disbursements and history.").WithTags(Tag);
        api.MapPost("/financing/{id}/recommend", RecommendFinancing)
            .WithName("RecommendFinancing").WithSummary("The county recommends the request to banks: status recommended; it reaches each bank's inbox.").WithTags(Tag);
        api.MapPost("/financing/{id}/offers", OfferFinancing)
            .WithName("OfferFinancing").WithSummary("A bank the request was sent to makes an offer: status offered.").WithTags(Tag);
        api.MapPost("/financing/{id}/decline", DeclineFinancing)
            .WithName("DeclineFinancing").WithSummary("A bank the request was sent to declines; when every bank has declined, status declined.").WithTags(Tag);
        api.MapPost("/financing/{id}/accept", AcceptFinancingOffer)
            .WithName("AcceptFinancingOffer").WithSummary("The enterprise accepts one offer: status accepted; the other offers close.").WithTags(Tag);
        api.MapPost("/financing/{id}/disbursements", DisburseFinancing)
            .WithName("DisburseFinancing").WithSummary("The accepting bank records a payment; more than the accepted amount in all is a 409; status disbursed once paid in full.").WithTags(Tag);
        api.MapGet("/cities/{code}/financing", GetCityFinancing)
            .WithName("GetCityFinancing").WithSummary("The financing requests in the city, and its totals from the roll-up.").WithTags(Tag);
        api.MapGet("/counties/{code}/financing", GetCountyFinancing)
            .WithName("GetCountyFinancing").WithSummary("The financing requests in the county, and its totals from the roll-up.").WithTags(Tag);
        return api;
    }

    private static async Task<Results<Created<EnterpriseJson>, Ok<EnterpriseJson>, ValidationProblem>> PutEnterprise(
        string creditCode, EnterpriseBody body, FinanceService finance, HttpContext http)
    {
        var code = CreditCodes.Normalize(creditCode);
        var errors = ValidateEnterprise(code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.RegisterEnterpriseAsync(http.CurrentUser(), code, body.Name!.Trim(), body.CountyCode!, Actor.Of(http));
        var json = FinanceJson.Enterprise(view);
        return view.Created ? TypedResults.Created($"/api/v1/enterprises/{code}", json) : TypedResults.Ok(json);
    }

    private static async Task<Results<Ok<EnterpriseJson>, ValidationProblem>> GetEnterprise(string creditCode, FinanceService finance, HttpContext http)
    {
        var code = CreditCodes.Normalize(creditCode);
        if (CreditCodes.Problem(code) is { } problem)
        {
            return new FieldErrors().Add("creditCode", problem).ToResult();
        }

        return TypedResults.Ok(FinanceJson.Enterprise(await finance.GetEnterpriseAsync(http.CurrentUser(), code)));
    }

    private static async Task<Results<Created<BankJson>, Ok<BankJson>, ValidationProblem>> PutBank(string code, BankBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateBank(code, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.RegisterBankAsync(http.CurrentUser(), code, body.Name!.Trim(), body.CityCode!, Actor.Of(http));
        var json = FinanceJson.Bank(view);
        return view.Created ? TypedResults.Created($"/api/v1/banks/{code}", json) : TypedResults.Ok(json);
    }

    private static async Task<Results<Ok<BankJson>, ValidationProblem>> GetBank(string code, FinanceService finance, HttpContext http)
    {
        if (!BankCodes.IsValid(code))
        {
            return new FieldErrors().Add("code", "A bank code is a slug of lower-case letters, digits and dashes.").ToResult();
        }

        return TypedResults.Ok(FinanceJson.Bank(await finance.GetBankAsync(http.CurrentUser(), code)));
    }

    private static async Task<Results<Ok<BankInboxJson>, ValidationProblem>> GetBankInbox(string code, string? status, FinanceService finance, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(BankCodes.IsValid(code), "code", "A bank code is a slug of lower-case letters, digits and dashes.");
        var filter = EnumText.ReadOptional<BankRequestStatus>(status, errors, "status");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var (view, inbox) = await finance.GetInboxAsync(http.CurrentUser(), code, filter);
        return TypedResults.Ok(new BankInboxJson(view.Code, view.Name, filter, FinanceJson.BankTotals(view.Totals), [.. inbox.Select(FinanceJson.InboxEntry)]));
    }

    private static async Task<Results<Ok<ProjectJson>, ValidationProblem>> PutProjectOwner(string code, OwnerBody body, FinanceService finance, HttpContext http)
    {
        var creditCode = CreditCodes.Normalize(body.CreditCode);
        var errors = ValidateOwner(code, creditCode);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.SetOwnerAsync(http.CurrentUser(), code, creditCode, Actor.Of(http));
        return TypedResults.Ok(ProjectJson.From(view));
    }

    private static async Task<Results<Created<FinancingRequestJson>, ValidationProblem>> SubmitFinancing(FinancingBody body, FinanceService finance, HttpContext http)
    {
        var creditCode = CreditCodes.Normalize(body.CreditCode);
        var errors = ValidateFinancing(body, creditCode);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var id = FinancingIds.New(time.GetLocalNow());
        var view = await finance.SubmitFinancingAsync(http.CurrentUser(), id,
            new FinancingSubmission(body.ProjectCode!, creditCode, body.Amount!.Value, body.Purpose!.Trim(), body.TermMonths!.Value), Actor.Of(http));
        return TypedResults.Created($"/api/v1/financing/{id}", FinanceJson.Request(view));
    }

    private static async Task<Results<Ok<FinancingRequestJson>, ValidationProblem>> GetFinancing(string id, FinanceService finance, HttpContext http)
    {
        if (!FinancingIds.IsValid(id))
        {
            return BadId();
        }

        return TypedResults.Ok(FinanceJson.Request(await finance.GetFinancingAsync(http.CurrentUser(), id)));
    }

    private static async Task<Results<Ok<FinancingRequestJson>, ValidationProblem>> RecommendFinancing(
        string id, RecommendBody body, FinanceService finance, HttpContext http)
    {
        var codes = body.BankCodes ?? [];
        var errors = ValidateRecommend(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.RecommendAsync(http.CurrentUser(), id, [.. codes.Select(c => c!)], body.Note, Actor.Of(http));
        return TypedResults.Ok(FinanceJson.Request(view));
    }

    private static async Task<Results<Created<OfferJson>, ValidationProblem>> OfferFinancing(string id, OfferBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateOffer(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.OfferAsync(http.CurrentUser(), id,
            new OfferInput(body.BankCode!, body.Amount!.Value, body.RatePercent!.Value, body.TermMonths!.Value), Actor.Of(http));
        var offer = view.Offers.Last(o => o.BankCode == body.BankCode);
        return TypedResults.Created($"/api/v1/financing/{id}", FinanceJson.Offer(offer, view));
    }

    private static async Task<Results<Ok<FinancingRequestJson>, ValidationProblem>> DeclineFinancing(string id, DeclineBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateDecline(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.DeclineAsync(http.CurrentUser(), id, body.BankCode!, body.Reason, Actor.Of(http));
        return TypedResults.Ok(FinanceJson.Request(view));
    }

    private static async Task<Results<Ok<FinancingRequestJson>, ValidationProblem>> AcceptFinancingOffer(string id, AcceptBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateAccept(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.AcceptAsync(http.CurrentUser(), id, body.OfferId!.Trim(), Actor.Of(http));
        return TypedResults.Ok(FinanceJson.Request(view));
    }

    private static async Task<Results<Created<FinancingRequestJson>, ValidationProblem>> DisburseFinancing(
        string id, DisbursementBody body, FinanceService finance, HttpContext http)
    {
        var errors = ValidateDisbursement(id, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var view = await finance.DisburseAsync(http.CurrentUser(), id, new DisbursementInput(body.Amount!.Value, body.Date!.Value), Actor.Of(http));
        return TypedResults.Created($"/api/v1/financing/{id}", FinanceJson.Request(view));
    }

    private static async Task<Results<Ok<FinancingJurisdictionJson>, ValidationProblem>> GetCityFinancing(
        string code, string? status, FinanceService finance, HttpContext http)
    {
        var errors = new FieldErrors().Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.");
        var filter = errors.Any ? null : EnumText.ReadOptional<FinancingStatus>(status, errors, "status");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var (overview, requests) = await finance.FinancingOfAsync(http.CurrentUser(), code, filter);
        return TypedResults.Ok(FinanceJson.Jurisdiction(overview, requests, filter));
    }

    private static async Task<Results<Ok<FinancingJurisdictionJson>, ValidationProblem>> GetCountyFinancing(
        string code, string? status, FinanceService finance, HttpContext http)
    {
        var errors = new FieldErrors().Require(DivisionCodes.IsCounty(code), "code", "A county code is six digits.");
        var filter = errors.Any ? null : EnumText.ReadOptional<FinancingStatus>(status, errors, "status");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var (overview, requests) = await finance.FinancingOfAsync(http.CurrentUser(), code, filter);
        return TypedResults.Ok(FinanceJson.Jurisdiction(overview, requests, filter));
    }

    private static ValidationProblem BadId() => new FieldErrors().Add("id", "A financing request id is letters, digits and dashes.").ToResult();

    /// <summary>The field rules of registering an enterprise (the API and the portal's enterprise form); <paramref name="code"/> normalised.</summary>
    internal static FieldErrors ValidateEnterprise(string code, EnterpriseBody body)
    {
        var errors = new FieldErrors()
            .Text("name", body.Name?.Trim(), InputLimits.MaxName, required: true)
            .Require(DivisionCodes.IsCounty(body.CountyCode), "countyCode", RuleMessage.Of("CountyCode", "A county code is six digits, e.g. 440883."));
        if (CreditCodes.Problem(code) is { } problem)
        {
            errors.Add("creditCode", RuleMessage.Of("CreditCode", "{0}", problem));
        }

        return errors;
    }

    /// <summary>The field rules of setting a project's owner (the API and the portal's owner form); <paramref name="creditCode"/> normalised.</summary>
    internal static FieldErrors ValidateOwner(string projectCode, string creditCode)
    {
        var errors = new FieldErrors()
            .Require(ProjectsApi.IsProjectCode(projectCode), "code", "A project code is letters, digits and dashes, at most 64.");
        if (CreditCodes.Problem(creditCode) is { } problem)
        {
            errors.Add("creditCode", RuleMessage.Of("CreditCode", "{0}", problem));
        }

        return errors;
    }

    /// <summary>The field rules of registering a bank (the API and the portal's bank form).</summary>
    internal static FieldErrors ValidateBank(string code, BankBody body) => new FieldErrors()
        .Require(BankCodes.IsValid(code), "code", RuleMessage.Of("BankCode", "A bank code is a slug of lower-case letters, digits and dashes, e.g. icbc-zhanjiang."))
        .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Trim().Length <= 200, "name", RuleMessage.Of("NameRequired", "Name is required (at most {0} characters).", 200))
        .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", RuleMessage.Of("CityCode", "A city code is six digits ending in 00, e.g. 440800."));

    /// <summary>The field rules of a financing request (the API and the portal's financing form); <paramref name="creditCode"/> normalized.</summary>
    internal static FieldErrors ValidateFinancing(FinancingBody body, string creditCode)
    {
        var errors = new FieldErrors()
            .Require(ProjectsApi.IsProjectCode(body.ProjectCode), "projectCode", RuleMessage.Of("ProjectCode", "A project code is letters, digits and dashes, at most {0}.", 64))
            .Amount("amount", body.Amount, positive: true)
            .Require(!string.IsNullOrWhiteSpace(body.Purpose) && body.Purpose.Trim().Length <= 500, "purpose", RuleMessage.Of("FinancingPurpose", "Purpose is required (at most {0} characters).", 500))
            .Require(body.TermMonths is >= 1 and <= 600, "termMonths", RuleMessage.Of("FinancingTermRequired", "Term is required, between 1 and 600 months."));
        if (CreditCodes.Problem(creditCode) is { } problem)
        {
            errors.Add("creditCode", RuleMessage.Of("CreditCode", "{0}", problem));
        }

        return errors;
    }

    /// <summary>The field rules of a county's recommendation (the API and the portal's recommend form).</summary>
    internal static FieldErrors ValidateRecommend(string id, RecommendBody body)
    {
        var codes = body.BankCodes ?? [];
        return new FieldErrors()
            .Require(FinancingIds.IsValid(id), "id", "A financing request id is letters, digits and dashes.")
            .Require(codes.Count is > 0 and <= InputLimits.MaxBanks, "bankCodes", RuleMessage.Of("FinancingBanksCount", "Name between one and {0} banks.", InputLimits.MaxBanks))
            .Require(codes.All(BankCodes.IsValid), "bankCodes", RuleMessage.Of("FinancingBankCodes", "Each bank code is a slug of lower-case letters, digits and dashes."))
            .Require(codes.Distinct().Count() == codes.Count, "bankCodes", RuleMessage.Of("FinancingBanksTwice", "Name each bank once."))
            .Require(body.Note is null || body.Note.Length <= 500, "note", RuleMessage.Of("NoteAtMost", "Note is at most {0} characters.", 500));
    }

    /// <summary>The field rules of a bank's offer (the API and the portal's offer form).</summary>
    internal static FieldErrors ValidateOffer(string id, OfferBody body) =>
        new FieldErrors()
            .Require(FinancingIds.IsValid(id), "id", "A financing request id is letters, digits and dashes.")
            .Require(BankCodes.IsValid(body.BankCode), "bankCode", RuleMessage.Of("BankCode", "A bank code is a slug of lower-case letters, digits and dashes."))
            .Amount("amount", body.Amount, positive: true)
            .Require(body.RatePercent is > 0m and <= 100m, "ratePercent", RuleMessage.Of("FinancingRateRequired", "The annual rate is required, a percentage above 0 and at most 100."))
            .Require(body.TermMonths is >= 1 and <= 600, "termMonths", RuleMessage.Of("FinancingTermRequired", "Term is required, between 1 and 600 months."));

    /// <summary>The field rules of a bank's decline (the API and the portal's decline form).</summary>
    internal static FieldErrors ValidateDecline(string id, DeclineBody body) =>
        new FieldErrors()
            .Require(FinancingIds.IsValid(id), "id", "A financing request id is letters, digits and dashes.")
            .Require(BankCodes.IsValid(body.BankCode), "bankCode", RuleMessage.Of("BankCode", "A bank code is a slug of lower-case letters, digits and dashes."))
            .Require(body.Reason is null || body.Reason.Length <= 500, "reason", RuleMessage.Of("ReasonAtMost", "Reason is at most {0} characters.", 500));

    /// <summary>The field rules of accepting an offer (the API and the portal's accept button).</summary>
    internal static FieldErrors ValidateAccept(string id, AcceptBody body) =>
        new FieldErrors()
            .Require(FinancingIds.IsValid(id), "id", "A financing request id is letters, digits and dashes.")
            .Require(!string.IsNullOrWhiteSpace(body.OfferId) && body.OfferId.Length <= 16, "offerId", RuleMessage.Of("FinancingOfferId", "The id of the offer to accept is required."));

    /// <summary>The field rules of a disbursement (the API and the portal's disbursement form).</summary>
    internal static FieldErrors ValidateDisbursement(string id, DisbursementBody body) =>
        new FieldErrors()
            .Require(FinancingIds.IsValid(id), "id", "A financing request id is letters, digits and dashes.")
            .Amount("amount", body.Amount, positive: true)
            .Require(body.Date is not null, "date", RuleMessage.Of("FinancingDisbursementDateRequired", "The date of the disbursement (yyyy-MM-dd) is required."));
}
