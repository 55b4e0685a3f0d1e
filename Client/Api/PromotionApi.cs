using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;

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

    private const string Tag = "Promotion";

    public static RouteGroupBuilder MapPromotionApi(this RouteGroupBuilder api)
    {
        api.MapPut("/referrers/{id}", async (string id, ReferrerBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(ReferrerIds.IsValid(id), "id", "A referrer id is {cityCode}-{slug}, e.g. 440800-wu-xiangxian.")
                    .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Trim().Length <= PromotionLimits.MaxName, "name", "Name is required (at most 200 characters).")
                    .Require(body.Kind is not null, "kind", $"Kind is one of {EnumText.List<ReferrerKind>()}.")
                    .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00, e.g. 440800.")
                    .Require(body.Contact is null || body.Contact.Length <= 200, "contact", "At most 200 characters.");
                if (ReferrerIds.IsValid(id) && DivisionCodes.IsCity(body.CityCode) && ReferrerIds.CityOf(id) != body.CityCode)
                {
                    errors.Add("cityCode", "The referrer id starts with its city code.");
                }

                var hometown = string.IsNullOrWhiteSpace(body.HometownCode) ? null : body.HometownCode.Trim();
                if (hometown is not null && DivisionCodes.IsCity(body.CityCode) && !IsDivisionOf(hometown, body.CityCode!))
                {
                    errors.Add("hometownCode", "The home town is a county or town code of the referrer's city.");
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var info = await promotion.PutReferrerAsync(http.CurrentUser(), id, body.Name!.Trim(), body.Kind!.Value, body.CityCode!, hometown,
                    body.Contact, Actor.Of(http));
                return info.Created ? Results.Created($"/api/v1/referrers/{id}", info) : Results.Ok(info);
            })
            .WithName("PutReferrer").WithSummary("Registers a referrer (乡贤, chamber of commerce, agency, enterprise) or updates it.").WithTags(Tag);

        api.MapGet("/referrers/{id}", async (string id, PromotionService promotion, HttpContext http) =>
            {
                if (!ReferrerIds.IsValid(id))
                {
                    return new FieldErrors().Add("id", "A referrer id is {cityCode}-{slug}.").ToResult();
                }

                return Results.Ok(PromotionJson.Referrer(await promotion.GetReferrerAsync(http.CurrentUser(), id)));
            })
            .WithName("GetReferrer").WithSummary("The referrer with its leads and what they became: signed amount, projects and their investment.").WithTags(Tag);

        api.MapPost("/leads", async (LeadBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCounty(body.CountyCode) && !DivisionCodes.IsCity(body.CountyCode), "countyCode", "A county code is six digits, e.g. 440883.")
                    .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Trim().Length <= PromotionLimits.MaxName, "name", "Name is required (at most 200 characters).")
                    .Require(!string.IsNullOrWhiteSpace(body.Investor) && body.Investor.Trim().Length <= PromotionLimits.MaxName, "investor", "Investor is required (at most 200 characters).")
                    .Require(!string.IsNullOrWhiteSpace(body.IndustryChain) && body.IndustryChain.Trim().Length <= 64, "industryChain", "Industry chain is required (at most 64 characters).")
                    .Require(body.Channel is not null, "channel", $"Channel is one of {EnumText.List<LeadChannel>()}.")
                    .Require(body.ReceivedDate is not null, "receivedDate", "The date received (yyyy-MM-dd) is required.")
                    .Require(body.ReferrerId is null || ReferrerIds.IsValid(body.ReferrerId), "referrerId", "A referrer id is {cityCode}-{slug}.");
                Amount(errors, "plannedInvestment", body.PlannedInvestment, required: true);
                Amount(errors, "fixedAssetInvestment", body.FixedAssetInvestment);
                Amount(errors, "landMu", body.LandMu, max: PromotionLimits.MaxLandMu);
                Amount(errors, "energy", body.Energy);
                Amount(errors, "expectedOutput", body.ExpectedOutput);
                Amount(errors, "expectedTax", body.ExpectedTax);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var draft = new LeadDraft(body.CountyCode!, body.Name!.Trim(), body.Investor!.Trim(), body.IndustryChain!.Trim(), body.PlannedInvestment!.Value,
                    body.Channel!.Value, body.ReferrerId, body.ResponsibleLeaderId, body.ReceivedDate!.Value, body.FixedAssetInvestment, body.LandMu,
                    body.Energy, body.ExpectedOutput, body.ExpectedTax);
                var view = await promotion.CreateLeadAsync(http.CurrentUser(), draft, Actor.Of(http));
                return Results.Created($"/api/v1/leads/{view.Id}", PromotionJson.Lead(view));
            })
            .WithName("CreateLead").WithSummary("Records a lead (招商线索) of a county; a lead matching an active one of the city is a 409 naming it.").WithTags(Tag);

        api.MapGet("/leads/{id}", async (string id, PromotionService promotion, HttpContext http) =>
            {
                if (!LeadIds.IsLead(id))
                {
                    return BadId();
                }

                return Results.Ok(PromotionJson.Lead(await promotion.GetLeadAsync(http.CurrentUser(), id)));
            })
            .WithName("GetLead").WithSummary("The lead: stages with dates, follow-ups, deadlines, overdue, projectCode once converted.").WithTags(Tag);

        api.MapPost("/leads/{id}/stage", async (string id, StageBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(LeadIds.IsLead(id), "id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.")
                    .Require(body.Stage is not null, "stage", $"Stage is one of {EnumText.List<LeadStage>()}.")
                    .Require(body.Date is not null, "date", "The date (yyyy-MM-dd) is required.")
                    .Require(body.Note is null || body.Note.Length <= PromotionLimits.MaxNote, "note", $"At most {PromotionLimits.MaxNote} characters.");
                Amount(errors, "signedAmount", body.SignedAmount);
                Amount(errors, "fundsArrived", body.FundsArrived);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var creditCode = string.IsNullOrWhiteSpace(body.CreditCode) ? null : Liandong.Finance.CreditCodes.Normalize(body.CreditCode);
                var view = await promotion.MoveAsync(http.CurrentUser(), id,
                    new StageMove(body.Stage!.Value, body.Date!.Value, body.Note, body.SignedAmount, creditCode, body.FundsArrived), Actor.Of(http));
                return Results.Ok(PromotionJson.Lead(view));
            })
            .WithName("MoveLead").WithSummary("Moves the lead to its next stage, or drops it (with the reason) before it starts; a skipped stage is a 409, a date before the last stage's a 400.").WithTags(Tag);

        api.MapPost("/leads/{id}/followups", async (string id, FollowUpBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(LeadIds.IsLead(id), "id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.")
                    .Require(body.Kind is not null, "kind", $"Kind is one of {EnumText.List<FollowUpKind>()}.")
                    .Require(body.Date is not null, "date", "The date (yyyy-MM-dd) is required.")
                    .Require(!string.IsNullOrWhiteSpace(body.Note) && body.Note.Length <= PromotionLimits.MaxNote, "note", $"A note is required (at most {PromotionLimits.MaxNote} characters).");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.FollowUpAsync(http.CurrentUser(), id, body.Kind!.Value, body.Date!.Value, body.Note!.Trim(), Actor.Of(http));
                return Results.Created($"/api/v1/leads/{id}", PromotionJson.Lead(view));
            })
            .WithName("FollowUpLead").WithSummary("Records a follow-up (response, assessment, feedback to the referrer, progress), which may meet a deadline.").WithTags(Tag);

        api.MapPost("/leads/{id}/convert", async (string id, ConvertBody body, PromotionService promotion, HttpContext http) =>
            {
                var projectCode = string.IsNullOrWhiteSpace(body.ProjectCode) ? null : body.ProjectCode.Trim();
                var errors = new FieldErrors()
                    .Require(LeadIds.IsLead(id), "id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.")
                    .Require(DivisionCodes.IsTown(body.TownCode), "townCode", "A town code is nine digits starting with its county's code.")
                    .Require(body.Category is not null, "category", "Category is one of infrastructure, industry, livelihood, urbanRenewal.")
                    .Require(body.Stage is not null, "stage", "Stage is one of reserve, preparation, newStart, continuing, completed, operating.");
                Amount(errors, "totalInvestment", body.TotalInvestment, required: true);
                var plans = body.AnnualPlans ?? [];
                for (var i = 0; i < plans.Count; i++)
                {
                    errors.Require(plans[i] is { Year: >= 2000 and <= 2100 }, $"annualPlans[{i}].year", "Year must be between 2000 and 2100.");
                    Amount(errors, $"annualPlans[{i}].amount", plans[i]?.Amount, required: true);
                }

                errors.Require(plans.Select(p => p?.Year).Distinct().Count() == plans.Count, "annualPlans", "One plan per year.");
                if (LeadIds.IsLead(id) && projectCode is not null
                    && NationalProjectCodes.Problem(projectCode, DivisionCodes.CityOf(LeadIds.CountyOf(id)), DateTime.UtcNow.AddHours(8).Year) is { } problem)
                {
                    errors.Add("projectCode", problem);
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var conversion = new LeadConversion(body.TownCode!, projectCode ?? "", projectCode is not null, body.Category!.Value, body.Stage!.Value,
                    body.TotalInvestment!.Value, [.. plans.Select(p => new AnnualPlan(p!.Year!.Value, p.Amount!.Value)).OrderBy(p => p.Year)], body.StartDate);
                var (_, project) = await promotion.ConvertAsync(http.CurrentUser(), id, conversion, Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(project.Profile.Code)}", ProjectJson.From(project));
            })
            .WithName("ConvertLead").WithSummary("Turns a registered (or later) lead into a project in a town of its county, linked both ways.").WithTags(Tag);

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
                return Results.Ok(new { code, leads = leads.Select(PromotionJson.Summary) });
            })
            .WithName("GetCityLeads").WithSummary("The city's leads, filtered by stage, overdue and county.").WithTags(Tag);

        api.MapGet("/counties/{code}/leads", async (string code, string? stage, bool? overdue, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code), "code", "A county code is six digits.");
                if (!TryStage(stage, errors, out var filterStage) || errors.Any)
                {
                    return errors.ToResult();
                }

                var leads = await promotion.ListAsync(http.CurrentUser(), code, new LeadFilter(code, filterStage, overdue));
                return Results.Ok(new { code, leads = leads.Select(PromotionJson.Summary) });
            })
            .WithName("GetCountyLeads").WithSummary("The county's leads, filtered by stage and overdue.").WithTags(Tag);

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
            .WithName("PutProjectPreparation").WithSummary("Records the project's preparation record (前期工作) that the key lists check.").WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications", async (string code, ListApplicationBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(ProjectsApi.IsProjectCode(code), "code", "A project code is letters, digits and dashes, at most 64.")
                    .Require(body.List is not null, "list", $"List is one of {EnumText.List<KeyList>()}.")
                    .Require(body.Year is >= 2000 and <= 2100, "year", "Year is required, between 2000 and 2100.")
                    .Require(body.Kind is not null, "kind", $"Kind is one of {EnumText.List<KeyListKind>()}.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var view = await promotion.ApplyAsync(http.CurrentUser(), code, body.List!.Value, body.Year!.Value, body.Kind!.Value, Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}/list-applications/{view.Id}", PromotionJson.Application(view));
            })
            .WithName("ApplyToKeyList").WithSummary("Drafts an application to the city, provincial or national key list (盘子), with its readiness checks.").WithTags(Tag);

        api.MapGet("/projects/{code}/list-applications/{id}", async (string code, string id, PromotionService promotion, HttpContext http) =>
                Results.Ok(PromotionJson.Application(await promotion.GetApplicationAsync(http.CurrentUser(), code, id))))
            .WithName("GetListApplication").WithSummary("A key-list application with its checks and decision.").WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/submit", async (string code, string id, PromotionService promotion, HttpContext http) =>
                Results.Ok(PromotionJson.Application(await promotion.SubmitApplicationAsync(http.CurrentUser(), code, id, Actor.Of(http)))))
            .WithName("SubmitListApplication").WithSummary("Runs the checks again and submits; a failed check is a 409 naming it.").WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/decision", async (string code, string id, DecisionBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(body.Included is not null, "included", "Say whether the project is included.")
                    .Require(body.Date is not null, "date", "The date (yyyy-MM-dd) is required.")
                    .Require(body.Note is null || body.Note.Length <= PromotionLimits.MaxNote, "note", $"At most {PromotionLimits.MaxNote} characters.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                return Results.Ok(PromotionJson.Application(await promotion.DecideAsync(http.CurrentUser(), code, id, body.Included!.Value, body.Date!.Value,
                    body.Note, Actor.Of(http))));
            })
            .WithName("DecideListApplication").WithSummary("The city records whether a submitted project is included in the list.").WithTags(Tag);

        api.MapPost("/projects/{code}/list-applications/{id}/checks/{check}/factor-need",
                async (string code, string id, string check, CheckFactorBody body, PromotionService promotion, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(Liandong.Coordination.CoordinationIds.IsDepartmentId(body.DepartmentId), "departmentId", "A department id is {cityCode}-{slug}.")
                    .Require(body.DueDate is not null, "dueDate", "The due date (yyyy-MM-dd) is required.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var need = await promotion.RaiseFactorNeedAsync(http.CurrentUser(), code, id, check, body.DepartmentId!, body.DueDate!.Value, Actor.Of(http));
                return Results.Created($"/api/v1/projects/{Uri.EscapeDataString(code)}/factors/{need.Id}", need);
            })
            .WithName("RaiseFactorNeedFromCheck").WithSummary("Turns a failed readiness check into a factor need of the project in one step.").WithTags(Tag);

        return api;
    }

    private static bool IsDivisionOf(string code, string cityCode) =>
        DivisionCodes.IsTown(code) ? DivisionCodes.CityOf(DivisionCodes.CountyOf(code)) == cityCode
        : DivisionCodes.IsCounty(code) && !DivisionCodes.IsCity(code) && DivisionCodes.CityOf(code) == cityCode;

    private static void Amount(FieldErrors errors, string field, decimal? value, bool required = false, decimal max = PromotionLimits.MaxAmount)
    {
        if (PromotionLimits.AmountProblem(value, required, max) is { } problem)
        {
            errors.Add(field, problem);
        }
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

/// <summary>The JSON shapes of leads and referrers.</summary>
internal static class PromotionJson
{
    public static object Lead(LeadView v) => new
    {
        id = v.Id,
        countyCode = v.Draft.CountyCode,
        name = v.Draft.Name,
        investor = v.Draft.Investor,
        industryChain = v.Draft.IndustryChain,
        channel = v.Draft.Channel,
        plannedInvestment = v.Draft.PlannedInvestment,
        fixedAssetInvestment = v.Draft.FixedAssetInvestment,
        landMu = v.Draft.LandMu,
        energy = v.Draft.Energy,
        expectedOutput = v.Draft.ExpectedOutput,
        expectedTax = v.Draft.ExpectedTax,
        referrerId = v.Draft.ReferrerId,
        responsibleLeaderId = v.Draft.ResponsibleLeaderId,
        receivedDate = v.Draft.ReceivedDate,
        stage = v.Stage,
        stages = v.Stages.Select(s => new { stage = s.Stage, date = s.Date, by = s.By, at = s.At, note = s.Note, signedAmount = s.SignedAmount, creditCode = s.CreditCode, fundsArrived = s.FundsArrived }),
        followUps = v.FollowUps.Select(f => new { kind = f.Kind, date = f.Date, note = f.Note, by = f.By, at = f.At }),
        deadlines = v.Deadlines.Select(d => new { kind = d.Kind, due = d.Due, metOn = d.MetOn, overdue = d.Overdue }),
        overdue = v.Overdue,
        stalled = v.Stalled,
        signedAmount = v.SignedAmount,
        fundsArrived = v.FundsArrived,
        creditCode = v.CreditCode,
        townCode = v.TownCode,
        projectCode = v.ProjectCode,
        history = v.History,
    };

    public static object Summary(LeadSummary l) => new
    {
        id = l.Id,
        countyCode = l.CountyCode,
        name = l.Name,
        investor = l.Investor,
        industryChain = l.IndustryChain,
        channel = l.Channel,
        stage = l.Stage,
        stageDate = l.StageDate,
        receivedDate = l.ReceivedDate,
        plannedInvestment = l.PlannedInvestment,
        signedAmount = l.SignedAmount,
        fundsArrived = l.FundsArrived,
        overdue = l.Overdue,
        stalled = l.Stalled,
        referrerId = l.ReferrerId,
        responsibleLeaderId = l.ResponsibleLeaderId,
        townCode = l.TownCode,
        projectCode = l.ProjectCode,
        projectInvestment = l.ProjectInvestment,
    };

    public static object Application(ListApplicationView a) => new
    {
        id = a.Id,
        projectCode = a.ProjectCode,
        list = a.List,
        year = a.Year,
        kind = a.Kind,
        status = a.Status,
        checks = a.Checks.Select(c => new { check = c.Check, ok = c.Ok, detail = c.Detail }),
        decisionDate = a.DecisionDate,
        decisionNote = a.DecisionNote,
    };

    public static object Referrer(ReferrerView v) => new
    {
        id = v.Info.Id,
        name = v.Info.Name,
        kind = v.Info.Kind,
        cityCode = v.Info.CityCode,
        hometownCode = v.Info.HometownCode,
        contact = v.Info.Contact,
        signedAmount = v.SignedAmount,
        projects = v.Projects,
        projectInvestment = v.ProjectInvestment,
        leads = v.Leads.Select(Summary),
    };
}
