using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Investment promotion (API.md "Investment promotion (招商引资) and the key lists (盘子)"): referrers, leads, stages, follow-ups, conversion.</summary>
public static class PromotionApi
{
    public sealed record ReferrerBody(string? Name, ReferrerKind? Kind, string? CityCode, string? HometownCode, string? Contact);

    public sealed record LeadBody(
        string? CountyCode,
        string? Name,
        string? Investor,
        string? IndustryChain,
        decimal? PlannedInvestment,
        LeadChannel? Channel,
        string? ReferrerId,
        string? ResponsibleLeaderId,
        DateOnly? ReceivedDate,
        decimal? FixedAssetInvestment,
        decimal? LandMu,
        decimal? Energy,
        decimal? ExpectedOutput,
        decimal? ExpectedTax);

    public sealed record StageBody(LeadStage? Stage, DateOnly? Date, string? Note, decimal? SignedAmount, string? CreditCode, decimal? FundsArrived);

    public sealed record FollowUpBody(FollowUpKind? Kind, DateOnly? Date, string? Note);

    public sealed record ConvertBody(
        string? TownCode,
        string? ProjectCode,
        ProjectCategory? Category,
        ProjectStage? Stage,
        decimal? TotalInvestment,
        IReadOnlyList<ProjectsApi.AnnualPlanBody>? AnnualPlans,
        DateOnly? StartDate);

    public sealed record PreparationBody(string? NationalCode, ApprovalKind? Approval, bool? LandSecured, bool? EnvironmentalAssessment,
        decimal? FundsSecured, DateOnly? PlannedStart);

    public sealed record ListApplicationBody(KeyList? List, int? Year, KeyListKind? Kind);

    public sealed record DecisionBody(bool? Included, DateOnly? Date, string? Note);

    public sealed record CheckFactorBody(string? DepartmentId, DateOnly? DueDate);

    public sealed record RulesBody(int? RespondDays, int? AssessDays, int? AssessDaysLarge, decimal? LargeLeadThreshold, int? FeedbackDays,
        int? ProgressDays, int? StartWithinMonths);

    private const string Tag = "Promotion";

    public static RouteGroupBuilder MapPromotionApi(this RouteGroupBuilder api)
    {
        api.MapPut("/referrers/{id}", async (string id, ReferrerBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = Validate(id, body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var r = Referrer(body);
                var info = await promotion.PutReferrerAsync(http.CurrentUser(), id, r.Name, r.Kind, r.CityCode, r.HometownCode, r.Contact, Actor.Of(http));
                return info.Created ? Results.Created($"/api/v1/referrers/{id}", info) : Results.Ok(info);
            })
            .WithName("PutReferrer").WithSummary("Registers a referrer (乡贤, chamber of commerce, agency, enterprise) or updates it.").Produces<ReferrerInfo>().Produces<ReferrerInfo>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapGet("/cities/{code}/referrers", GetCityReferrers)
            .WithName("GetCityReferrers").WithSummary("The city's referrers (引荐人), the largest signed amount first, each with its leads, signed amount, projects and their investment.").WithTags(Tag);

        api.MapGet("/referrers/{id}", async (string id, PromotionService promotion, HttpContext http) =>
            {
                if (!ReferrerIds.IsValid(id))
                {
                    return new FieldErrors().Add("id", "A referrer id is {cityCode}-{slug}.").ToResult();
                }

                return Results.Ok(PromotionJson.Referrer(await promotion.GetReferrerAsync(http.CurrentUser(), id)));
            })
            .WithName("GetReferrer").WithSummary("The referrer with its leads and what they became: signed amount, projects and their investment.").Produces<ReferrerResponse>().WithTags(Tag);

        api.MapPost("/leads", async (LeadBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = Validate(body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.CreateLeadAsync(http.CurrentUser(), Draft(body), Actor.Of(http));
                return Results.Created($"/api/v1/leads/{view.Id}", PromotionJson.Lead(view));
            })
            .WithName("CreateLead").WithSummary("Records a lead (招商线索) of a county, or of the city itself (countyCode = the city's code); a lead matching an active one of the city is a 409 naming it.").Produces<LeadResponse>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapGet("/leads/{id}", async (string id, PromotionService promotion, HttpContext http) =>
            {
                if (!LeadIds.IsLead(id))
                {
                    return BadId();
                }

                return Results.Ok(PromotionJson.Lead(await promotion.GetLeadAsync(http.CurrentUser(), id)));
            })
            .WithName("GetLead").WithSummary("The lead: stages with dates, follow-ups, deadlines, overdue, projectCode once converted.").Produces<LeadResponse>().WithTags(Tag);

        api.MapPost("/leads/{id}/stage", async (string id, StageBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(LeadIds.IsLead(id), "id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.")
                    .Merge(Validate(body));
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.MoveAsync(http.CurrentUser(), id, Move(body), Actor.Of(http));
                return Results.Ok(PromotionJson.Lead(view));
            })
            .WithName("MoveLead").WithSummary("Moves the lead to its next stage, or drops it (with the reason) before it starts; a skipped stage is a 409, a date before the last stage's a 400.").Produces<LeadResponse>().WithTags(Tag);

        api.MapPost("/leads/{id}/followups", async (string id, FollowUpBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(LeadIds.IsLead(id), "id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.")
                    .Require(body.Kind is not null, "kind", RuleMessage.Of("FollowUpKind", "Kind is one of {0}.", EnumText.List<FollowUpKind>()))
                    .Require(body.Date is not null, "date", DateRequired)
                    .Require(!string.IsNullOrWhiteSpace(body.Note) && body.Note.Length <= PromotionLimits.MaxNote, "note", RuleMessage.From(PromotionRefusals.FollowUpNote));
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.FollowUpAsync(http.CurrentUser(), id, body.Kind!.Value, body.Date!.Value, body.Note!.Trim(), Actor.Of(http));
                return Results.Created($"/api/v1/leads/{id}", PromotionJson.Lead(view));
            })
            .WithName("FollowUpLead").WithSummary("Records a follow-up (response, assessment, feedback to the referrer, progress), which may meet a deadline.").Produces<LeadResponse>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapPost("/leads/{id}/convert", async (string id, ConvertBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = Validate(id, body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var (_, project) = await promotion.ConvertAsync(http.CurrentUser(), id, Conversion(body), Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(project.Profile.Code)}", ProjectJson.From(project));
            })
            .WithName("ConvertLead").WithSummary("Turns a registered (or later) lead into a project in a town of its county, linked both ways.").Produces<ProjectJson>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapGet("/cities/{code}/leads", async (string code, string? stage, bool? overdue, string? county, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
                    .Require(county is null || DivisionCodes.IsCounty(county) && DivisionCodes.IsCity(code) && DivisionCodes.CountyBelongsTo(county, code),
                        "county", "A county of the city.");
                if (!TryStage(stage, errors, out var filterStage) || errors.Any)
                {
                    return errors.ToResult();
                }

                var leads = await promotion.ListAsync(http.CurrentUser(), code, new LeadFilter(county, filterStage, overdue));
                return Results.Ok(new LeadListResponse(code, [.. leads.Select(PromotionJson.Summary)]));
            })
            .WithName("GetCityLeads").WithSummary("The city's leads, filtered by stage, overdue and county.").Produces<LeadListResponse>().WithTags(Tag);

        api.MapGet("/counties/{code}/leads", async (string code, string? stage, bool? overdue, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code), "code", "A county code is six digits.");
                if (!TryStage(stage, errors, out var filterStage) || errors.Any)
                {
                    return errors.ToResult();
                }

                var leads = await promotion.ListAsync(http.CurrentUser(), code, new LeadFilter(code, filterStage, overdue));
                return Results.Ok(new LeadListResponse(code, [.. leads.Select(PromotionJson.Summary)]));
            })
            .WithName("GetCountyLeads").WithSummary("The county's leads, filtered by stage and overdue.").Produces<LeadListResponse>().WithTags(Tag);

        api.MapPut("/projects/{code}/preparation", async (string code, PreparationBody body, PromotionService promotion, HttpContext http) =>
            {
                var national = string.IsNullOrWhiteSpace(body.NationalCode) ? null : body.NationalCode.Trim();
                var errors = new FieldErrors()
                    .Require(ProjectsApi.IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.")
                    .Require(body.Approval is not null, "approval", $"Approval is one of {EnumText.List<ApprovalKind>()}.")
                    .Require(body.LandSecured is not null, "landSecured", "Say whether the land is secured.")
                    .Require(body.EnvironmentalAssessment is not null, "environmentalAssessment", "Say whether the environmental assessment is approved.")
                    .Require(national is null || national.Length == 24, "nationalCode", "The national project code has 24 characters: YYYY-AAAAAA-BB-CC-DDDDDD.");
                Amount(errors, "fundsSecured", body.FundsSecured, required: true);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var record = new PreparationRecord(national, body.Approval!.Value, body.LandSecured!.Value, body.EnvironmentalAssessment!.Value,
                    body.FundsSecured!.Value, body.PlannedStart);
                return Results.Ok(ProjectJson.From(await promotion.SetPreparationAsync(http.CurrentUser(), code, record, Actor.Of(http))));
            })
            .WithName("PutProjectPreparation").WithSummary("Records the project's preparation record (前期工作) that the key lists check.").Produces<ProjectJson>().WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications", async (string code, ListApplicationBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(ProjectsApi.IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.")
                    .Merge(Validate(body));
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.ApplyAsync(http.CurrentUser(), code, body.List!.Value, body.Year!.Value, body.Kind!.Value, Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}/list-applications/{view.Id}", PromotionJson.Application(view));
            })
            .WithName("ApplyToKeyList").WithSummary("Drafts an application to the city, provincial or national key list (盘子), with its readiness checks.").Produces<ListApplicationResponse>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapGet("/projects/{code}/list-applications/{id}", async (string code, string id, PromotionService promotion, HttpContext http) =>
                Results.Ok(PromotionJson.Application(await promotion.GetApplicationAsync(http.CurrentUser(), code, id))))
            .WithName("GetListApplication").WithSummary("A key-list application with its checks and decision.").Produces<ListApplicationResponse>().WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/submit", async (string code, string id, PromotionService promotion, HttpContext http) =>
                Results.Ok(PromotionJson.Application(await promotion.SubmitApplicationAsync(http.CurrentUser(), code, id, Actor.Of(http)))))
            .WithName("SubmitListApplication").WithSummary("Runs the checks again and submits; a failed check is a 409 naming it.").Produces<ListApplicationResponse>().WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/decision", async (string code, string id, DecisionBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = Validate(body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                return Results.Ok(PromotionJson.Application(await promotion.DecideAsync(http.CurrentUser(), code, id, body.Included!.Value, body.Date!.Value,
                    body.Note, Actor.Of(http))));
            })
            .WithName("DecideListApplication").WithSummary("The city records whether a submitted project is included in the list.").Produces<ListApplicationResponse>().WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/checks/{check}/factor-need",
                async (string code, string id, string check, CheckFactorBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = Validate(body);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var need = await promotion.RaiseFactorNeedAsync(http.CurrentUser(), code, id, check, body.DepartmentId!, body.DueDate!.Value, Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}/factors/{need.Id}", need);
            })
            .WithName("RaiseFactorNeedFromCheck").WithSummary("Turns a failed readiness check into a factor need of the project in one step.").Produces<Liandong.Finance.FactorNeed>(StatusCodes.Status201Created).WithTags(Tag);

        api.MapGet("/cities/{code}/promotion-rules", async (string code, PromotionService promotion, HttpContext http) =>
            {
                if (!DivisionCodes.IsCity(code))
                {
                    return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
                }

                return Results.Ok(PromotionJson.Rules(await promotion.GetRulesAsync(http.CurrentUser(), code)));
            })
            .WithName("GetPromotionRules").WithSummary("The city's timed-handling rules for leads in force (version 0: the deployment's defaults), with every version set.")
            .Produces<CityPromotionRulesResponse>().WithTags(Tag);

        api.MapPut("/cities/{code}/promotion-rules", async (string code, RulesBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00.")
                    .Merge(Validate(body, out var rules));
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                return Results.Ok(PromotionJson.Rules(await promotion.SetRulesAsync(http.CurrentUser(), code, rules!, Actor.Of(http))));
            })
            .WithName("PutPromotionRules").WithSummary("The city's command office sets its timed-handling rules for leads, as a new version (who and when kept); open leads follow within one reminder period.")
            .Produces<CityPromotionRulesResponse>().WithTags(Tag);

        return api;
    }

    /// <summary>The city's referrer list: whoever reads the city; the rows are what each referrer's page shows.</summary>
    private static async Task<Results<Ok<ReferrerListResponse>, ValidationProblem>> GetCityReferrers(string code, PromotionService promotion, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00, e.g. 440800.").ToResult();
        }

        var referrers = await promotion.ReferrersOfAsync(http.CurrentUser(), code);
        return TypedResults.Ok(new ReferrerListResponse(code, [.. referrers.Select(PromotionJson.Row)]));
    }

    /// <summary>The field rules of a referrer's registration (the API's PUT and the portal's 登记引荐人 form): <see cref="ReferrerRules"/>.</summary>
    internal static FieldErrors Validate(string id, ReferrerBody body)
    {
        var errors = new FieldErrors();
        foreach (var (field, rule) in ReferrerRules.Problems(id, body.Name, body.Kind, body.CityCode, body.HometownCode, body.Contact))
        {
            errors.Add(field, rule);
        }

        return errors;
    }

    /// <summary>What a valid referrer body registers (texts trimmed, a blank home town or contact: none).</summary>
    internal static (string Name, ReferrerKind Kind, string CityCode, string? HometownCode, string? Contact) Referrer(ReferrerBody body) =>
        (body.Name!.Trim(), body.Kind!.Value, body.CityCode!, ReferrerRules.Blank(body.HometownCode), ReferrerRules.Blank(body.Contact));

    /// <summary>The field rules of a new lead (the API's and the portal's 新增线索 form).</summary>
    internal static FieldErrors Validate(LeadBody body)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCounty(body.CountyCode), "countyCode", RuleMessage.Of("LeadCountyCode",
                "A county code is six digits, e.g. 440883; a city-level lead names its city, e.g. 440800."))
            .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Trim().Length <= PromotionLimits.MaxName, "name",
                RuleMessage.Of("NameRequired", "Name is required (at most {0} characters).", PromotionLimits.MaxName))
            .Require(!string.IsNullOrWhiteSpace(body.Investor) && body.Investor.Trim().Length <= PromotionLimits.MaxName, "investor",
                RuleMessage.Of("LeadInvestor", "Investor is required (at most {0} characters).", PromotionLimits.MaxName))
            .Require(!string.IsNullOrWhiteSpace(body.IndustryChain) && body.IndustryChain.Trim().Length <= 64, "industryChain",
                RuleMessage.Of("LeadChain", "Industry chain is required (at most {0} characters).", 64))
            .Require(body.Channel is not null, "channel", RuleMessage.Of("LeadChannel", "Channel is one of {0}.", EnumText.List<LeadChannel>()))
            .Require(body.ReceivedDate is not null, "receivedDate", RuleMessage.Of("LeadReceivedDate", "The date received (yyyy-MM-dd) is required."))
            .Require(body.ReferrerId is null || ReferrerIds.IsValid(body.ReferrerId), "referrerId", RuleMessage.Of("LeadReferrerId", "A referrer id is {cityCode}-{slug}."))
            .Rule("responsibleLeaderId", PromotionLimits.LeaderIdRule(body.ResponsibleLeaderId));
        Amount(errors, "plannedInvestment", body.PlannedInvestment, required: true);
        Amount(errors, "fixedAssetInvestment", body.FixedAssetInvestment);
        errors.Rule("landMu", PromotionLimits.MeasureRule(body.LandMu, PromotionLimits.MaxLandMu, PromotionLimits.LandUnit))
            .Rule("energy", PromotionLimits.MeasureRule(body.Energy, PromotionLimits.MaxAmount, PromotionLimits.EnergyUnit));
        Amount(errors, "expectedOutput", body.ExpectedOutput);
        Amount(errors, "expectedTax", body.ExpectedTax);
        if (!errors.Messages.ContainsKey("fixedAssetInvestment") && !errors.Messages.ContainsKey("plannedInvestment"))
        {
            errors.Rule("fixedAssetInvestment", PromotionLimits.FixedAssetRule(body.FixedAssetInvestment, body.PlannedInvestment));
        }

        if (body.ReceivedDate is { } received)
        {
            errors.Rule("receivedDate", PromotionLimits.ReceivedDateRule(received, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))));
        }

        return errors;
    }

    /// <summary>The field rules of a stage move or a drop (the API's and the lead page's 推进阶段 / 放弃 forms); the grain checks the order of stages.</summary>
    internal static FieldErrors Validate(StageBody body)
    {
        var errors = new FieldErrors()
            .Require(body.Stage is not null, "stage", RuleMessage.Of("LeadStage", "Stage is one of {0}.", EnumText.List<LeadStage>()))
            .Require(body.Date is not null, "date", DateRequired)
            .Require(body.Note is null || body.Note.Length <= PromotionLimits.MaxNote, "note", NoteAtMost)
            .Require(body.Stage != LeadStage.Dropped || !string.IsNullOrWhiteSpace(body.Note), "note", RuleMessage.Of("LeadDropReason", "Dropping a lead needs its reason."));
        Amount(errors, "signedAmount", body.SignedAmount);
        Amount(errors, "fundsArrived", body.FundsArrived);
        return errors;
    }

    /// <summary>The field rules of a lead's conversion into a project (the API's and the lead page's 转为项目 form); a given project code is a national code.</summary>
    internal static FieldErrors Validate(string id, ConvertBody body)
    {
        var projectCode = string.IsNullOrWhiteSpace(body.ProjectCode) ? null : body.ProjectCode.Trim();
        var errors = new FieldErrors()
            .Require(LeadIds.IsLead(id), "id", RuleMessage.Of("LeadId", "A lead id is ZS{county}-yyyyMMdd-XXXXXX."))
            .Require(DivisionCodes.IsTown(body.TownCode), "townCode", RuleMessage.Of("LeadTownCode", "A town code is nine digits starting with its county's code."))
            .Require(body.Category is not null, "category", RuleMessage.Of("LeadCategory", "Category is one of infrastructure, industry, livelihood, urbanRenewal."))
            .Require(body.Stage is not null, "stage", RuleMessage.Of("LeadProjectStage", "Stage is one of reserve, preparation, newStart, continuing, completed, operating."));
        Amount(errors, "totalInvestment", body.TotalInvestment, required: true);
        var plans = body.AnnualPlans ?? [];
        for (var i = 0; i < plans.Count; i++)
        {
            errors.Require(plans[i] is { Year: >= 2000 and <= 2100 }, $"annualPlans[{i}].year", RuleMessage.Of("LeadPlanYear", "Year must be between 2000 and 2100."));
            Amount(errors, $"annualPlans[{i}].amount", plans[i]?.Amount, required: true);
        }

        errors.Require(plans.Select(p => p?.Year).Distinct().Count() == plans.Count, "annualPlans", RuleMessage.Of("LeadPlanPerYear", "One plan per year."));
        if (LeadIds.IsLead(id) && projectCode is not null
            && NationalProjectCodes.Problem(projectCode, DivisionCodes.CityOf(LeadIds.CountyOf(id)), DateTime.UtcNow.AddHours(8).Year) is { } problem)
        {
            errors.Add("projectCode", PromotionRefusals.NationalCode(problem));
        }

        return errors;
    }

    /// <summary>The conversion a valid body asks for (no project code: the town hands one out).</summary>
    internal static LeadConversion Conversion(ConvertBody body)
    {
        var projectCode = string.IsNullOrWhiteSpace(body.ProjectCode) ? null : body.ProjectCode.Trim();
        var plans = body.AnnualPlans ?? [];
        return new LeadConversion(body.TownCode!, projectCode ?? "", projectCode is not null, body.Category!.Value, body.Stage!.Value,
            body.TotalInvestment!.Value, [.. plans.Select(p => new AnnualPlan(p!.Year!.Value, p.Amount!.Value)).OrderBy(p => p.Year)], body.StartDate);
    }

    /// <summary>The draft a valid body records (names trimmed).</summary>
    internal static LeadDraft Draft(LeadBody body) => new(body.CountyCode!, body.Name!.Trim(), body.Investor!.Trim(), body.IndustryChain!.Trim(),
        body.PlannedInvestment!.Value, body.Channel!.Value, body.ReferrerId, body.ResponsibleLeaderId, body.ReceivedDate!.Value, body.FixedAssetInvestment,
        body.LandMu, body.Energy, body.ExpectedOutput, body.ExpectedTax);

    /// <summary>The move a valid body makes (credit code normalized).</summary>
    internal static StageMove Move(StageBody body) => new(body.Stage!.Value, body.Date!.Value, body.Note, body.SignedAmount,
        string.IsNullOrWhiteSpace(body.CreditCode) ? null : Liandong.Finance.CreditCodes.Normalize(body.CreditCode), body.FundsArrived);

    /// <summary>The field rules of a key-list application (the API's and the portal form's).</summary>
    internal static FieldErrors Validate(ListApplicationBody body) => new FieldErrors()
        .Require(body.List is not null, "list", RuleMessage.Of("ListName", "List is one of {0}.", EnumText.List<KeyList>()))
        .Require(body.Year is >= 2000 and <= 2100, "year", RuleMessage.Of("ListYear", "Year is required, between 2000 and 2100."))
        .Require(body.Kind is not null, "kind", RuleMessage.Of("ListKind", "Kind is one of {0}.", EnumText.List<KeyListKind>()));

    /// <summary>The field rules of the city's decision on an application.</summary>
    internal static FieldErrors Validate(DecisionBody body) => new FieldErrors()
        .Require(body.Included is not null, "included", RuleMessage.Of("ListIncluded", "Say whether the project is included."))
        .Require(body.Date is not null, "date", DateRequired)
        .Require(body.Note is null || body.Note.Length <= PromotionLimits.MaxNote, "note", NoteAtMost);

    /// <summary>The field rules of a factor need raised from a failed check.</summary>
    internal static FieldErrors Validate(CheckFactorBody body) => new FieldErrors()
        .Require(Liandong.Coordination.CoordinationIds.IsDepartmentId(body.DepartmentId), "departmentId", RuleMessage.Of("DepartmentId", "A department id is {cityCode}-{slug}."))
        .Require(body.DueDate is not null, "dueDate", RuleMessage.Of("DueDateRequired", "The due date (yyyy-MM-dd) is required."));

    private static readonly RuleMessage RequiredDays = RuleMessage.Of("RequiredDays", "Required (days).");

    private static readonly RuleMessage DateRequired = RuleMessage.Of("DateRequired", "The date (yyyy-MM-dd) is required.");

    private static readonly RuleMessage NoteAtMost = RuleMessage.Of("AtMost", "At most {0} characters.", PromotionLimits.MaxNote);

    /// <summary>The field rules of a city's promotion rules: every field required, then the rules' own checks.</summary>
    internal static FieldErrors Validate(RulesBody body, out PromotionRules? rules)
    {
        rules = null;
        var errors = new FieldErrors()
            .Require(body.RespondDays is not null, "respondDays", RequiredDays)
            .Require(body.AssessDays is not null, "assessDays", RequiredDays)
            .Require(body.AssessDaysLarge is not null, "assessDaysLarge", RequiredDays)
            .Require(body.LargeLeadThreshold is not null, "largeLeadThreshold", RuleMessage.Of("RequiredAmount", "Required (万元)."))
            .Require(body.FeedbackDays is not null, "feedbackDays", RequiredDays)
            .Require(body.ProgressDays is not null, "progressDays", RequiredDays)
            .Require(body.StartWithinMonths is not null, "startWithinMonths", RuleMessage.Of("RequiredMonths", "Required (months)."));
        if (errors.Any)
        {
            return errors;
        }

        var candidate = new PromotionRules(body.RespondDays!.Value, body.AssessDays!.Value, body.AssessDaysLarge!.Value, body.LargeLeadThreshold!.Value,
            body.FeedbackDays!.Value, body.ProgressDays!.Value, body.StartWithinMonths!.Value);
        foreach (var (field, message) in candidate.Rules())
        {
            errors.Add(field, message);
        }

        rules = errors.Any ? null : candidate;
        return errors;
    }

    /// <summary>Adds another validator's errors to these.</summary>
    private static FieldErrors Merge(this FieldErrors errors, FieldErrors other)
    {
        foreach (var (field, messages) in other.Fields)
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        return errors;
    }

    private static void Amount(FieldErrors errors, string field, decimal? value, bool required = false, decimal max = PromotionLimits.MaxAmount)
    {
        errors.Rule(field, PromotionLimits.AmountRule(value, required, max));
    }

    private static bool TryStage(string? stage, FieldErrors errors, out LeadStage? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(stage))
        {
            return true;
        }

        if (EnumText.TryParse<LeadStage>(stage, out var parsed))
        {
            filter = parsed;
            return true;
        }

        errors.Add("stage", $"Stage is one of {EnumText.List<LeadStage>()}.");
        return false;
    }

    private static IResult BadId() => new FieldErrors().Add("id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.").ToResult();
}

/// <summary>A lead as the API answers it.</summary>
public sealed record LeadResponse(
    string Id,
    string CountyCode,
    bool CityLevel,
    string Name,
    string Investor,
    string IndustryChain,
    LeadChannel Channel,
    decimal PlannedInvestment,
    decimal? FixedAssetInvestment,
    decimal? LandMu,
    decimal? Energy,
    decimal? ExpectedOutput,
    decimal? ExpectedTax,
    string? ReferrerId,
    string? ResponsibleLeaderId,
    DateOnly ReceivedDate,
    LeadStage Stage,
    IReadOnlyList<LeadStageResponse> Stages,
    IReadOnlyList<LeadFollowUpResponse> FollowUps,
    IReadOnlyList<LeadDeadlineResponse> Deadlines,
    bool Overdue,
    bool Stalled,
    decimal SignedAmount,
    decimal FundsArrived,
    string? CreditCode,
    string? TownCode,
    string? ProjectCode,
    IReadOnlyList<AuditEntry> History);

public sealed record LeadStageResponse(LeadStage Stage, DateOnly Date, string By, DateTimeOffset At, string? Note, decimal? SignedAmount,
    string? CreditCode, decimal? FundsArrived);

public sealed record LeadFollowUpResponse(FollowUpKind Kind, DateOnly Date, string Note, string By, DateTimeOffset At);

public sealed record LeadDeadlineResponse(FollowUpKind Kind, DateOnly Due, DateOnly? MetOn, bool Overdue);

/// <summary>A lead in a list.</summary>
public sealed record LeadSummaryResponse(
    string Id,
    string CountyCode,
    bool CityLevel,
    string Name,
    string Investor,
    string IndustryChain,
    LeadChannel Channel,
    LeadStage Stage,
    DateOnly StageDate,
    DateOnly ReceivedDate,
    decimal PlannedInvestment,
    decimal SignedAmount,
    decimal FundsArrived,
    bool Overdue,
    bool Stalled,
    string? ReferrerId,
    string? ResponsibleLeaderId,
    string? TownCode,
    string? ProjectCode,
    decimal? ProjectInvestment);

/// <summary>The leads of a city or county.</summary>
public sealed record LeadListResponse(string Code, IReadOnlyList<LeadSummaryResponse> Leads);

public sealed record ListCheckResponse(string Check, bool Ok, string Detail);

/// <summary>A key-list application (盘子申报) with its readiness checks and the city's decision.</summary>
public sealed record ListApplicationResponse(
    string Id,
    string ProjectCode,
    KeyList List,
    int Year,
    KeyListKind Kind,
    ListApplicationStatus Status,
    IReadOnlyList<ListCheckResponse> Checks,
    DateOnly? DecisionDate,
    string? DecisionNote);

/// <summary>A referrer with what its leads became.</summary>
public sealed record ReferrerResponse(
    string Id,
    string Name,
    ReferrerKind Kind,
    string CityCode,
    string? HometownCode,
    string? Contact,
    decimal SignedAmount,
    int Projects,
    decimal ProjectInvestment,
    IReadOnlyList<LeadSummaryResponse> Leads);

/// <summary>A referrer in its city's list, with the figures its page shows (万元).</summary>
public sealed record ReferrerRowResponse(
    string Id,
    string Name,
    ReferrerKind Kind,
    string? HometownCode,
    int Leads,
    decimal SignedAmount,
    int Projects,
    decimal ProjectInvestment);

/// <summary>A city's referrers, the largest signed amount first.</summary>
public sealed record ReferrerListResponse(string CityCode, IReadOnlyList<ReferrerRowResponse> Referrers);

/// <summary>One version of a city's promotion rules.</summary>
public sealed record PromotionRulesVersionResponse(int Version, PromotionRulesResponse Rules, string By, DateTimeOffset At);

/// <summary>A city's timed-handling rules for leads (days, months, 万元).</summary>
public sealed record PromotionRulesResponse(int RespondDays, int AssessDays, int AssessDaysLarge, decimal LargeLeadThreshold, int FeedbackDays,
    int ProgressDays, int StartWithinMonths);

/// <summary>The rules in force in a city (version 0: the deployment's defaults) and every version its command office set.</summary>
public sealed record CityPromotionRulesResponse(string CityCode, int Version, PromotionRulesResponse Rules, IReadOnlyList<PromotionRulesVersionResponse> History);

/// <summary>The JSON shapes of leads, referrers, list applications and rules.</summary>
internal static class PromotionJson
{
    public static LeadResponse Lead(LeadView v) => new(
        v.Id, v.Draft.CountyCode, DivisionCodes.IsCity(v.Draft.CountyCode), v.Draft.Name, v.Draft.Investor, v.Draft.IndustryChain, v.Draft.Channel,
        v.Draft.PlannedInvestment, v.Draft.FixedAssetInvestment, v.Draft.LandMu, v.Draft.Energy, v.Draft.ExpectedOutput, v.Draft.ExpectedTax,
        v.Draft.ReferrerId, v.Draft.ResponsibleLeaderId, v.Draft.ReceivedDate, v.Stage,
        [.. v.Stages.Select(s => new LeadStageResponse(s.Stage, s.Date, s.By, s.At, s.Note, s.SignedAmount, s.CreditCode, s.FundsArrived))],
        [.. v.FollowUps.Select(f => new LeadFollowUpResponse(f.Kind, f.Date, f.Note, f.By, f.At))],
        [.. v.Deadlines.Select(d => new LeadDeadlineResponse(d.Kind, d.Due, d.MetOn, d.Overdue))],
        v.Overdue, v.Stalled, v.SignedAmount, v.FundsArrived, v.CreditCode, v.TownCode, v.ProjectCode, v.History);

    public static LeadSummaryResponse Summary(LeadSummary l) => new(
        l.Id, l.CountyCode, DivisionCodes.IsCity(l.CountyCode), l.Name, l.Investor, l.IndustryChain, l.Channel, l.Stage, l.StageDate, l.ReceivedDate,
        l.PlannedInvestment, l.SignedAmount, l.FundsArrived, l.Overdue, l.Stalled, l.ReferrerId, l.ResponsibleLeaderId, l.TownCode, l.ProjectCode,
        l.ProjectInvestment);

    public static ListApplicationResponse Application(ListApplicationView a) => new(
        a.Id, a.ProjectCode, a.List, a.Year, a.Kind, a.Status, [.. a.Checks.Select(c => new ListCheckResponse(c.Check, c.Ok, c.Detail))],
        a.DecisionDate, a.DecisionNote);

    public static ReferrerResponse Referrer(ReferrerView v) => new(
        v.Info.Id, v.Info.Name, v.Info.Kind, v.Info.CityCode, v.Info.HometownCode, v.Info.Contact, v.SignedAmount, v.Projects, v.ProjectInvestment,
        [.. v.Leads.Select(Summary)]);

    public static ReferrerRowResponse Row(ReferrerSummary r) => new(
        r.Id, r.Name, r.Kind, r.HometownCode, r.Totals.Leads, r.Totals.SignedAmount, r.Totals.Projects, r.Totals.ProjectInvestment);

    public static PromotionRulesResponse Rules(PromotionRules r) =>
        new(r.RespondDays, r.AssessDays, r.AssessDaysLarge, r.LargeLeadThreshold, r.FeedbackDays, r.ProgressDays, r.StartWithinMonths);

    public static CityPromotionRulesResponse Rules(PromotionRulesView v) =>
        new(v.CityCode, v.Version, Rules(v.Rules), [.. v.History.Select(h => new PromotionRulesVersionResponse(h.Version, Rules(h.Rules), h.By, h.At))]);
}
