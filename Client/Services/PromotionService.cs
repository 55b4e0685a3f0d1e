using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>
/// Investment promotion (招商引资) for the API and the portal; every call asks <see cref="Jurisdiction"/> first.
/// Who may do what, as for projects: the city command office everything in its city; a county officer the leads of
/// its county; the responsible leader reads its leads and records follow-ups (no stage moves); a town officer reads
/// the leads converted into its town; departments, leaders and inspectors of the city read (as they read projects).
/// </summary>
public sealed class PromotionService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    /// <summary>Who may read a lead: its county, the town it was converted into, its responsible leader.</summary>
    public static Resource ReadScope(LeadSummary l) => new()
    {
        Divisions = l.TownCode is { } town ? [l.CountyCode, town] : [l.CountyCode],
        Leaders = l.ResponsibleLeaderId is { } leader ? [leader] : [],
    };

    /// <summary>Who may change a lead's stages or convert it: its county (and so the city).</summary>
    public static Resource WriteScope(string countyCode) => Resource.Division(countyCode);

    /// <summary>Who may record a follow-up: its county, and its responsible leader.</summary>
    public static Resource FollowUpScope(LeadScope scope) => new()
    {
        Divisions = [scope.CountyCode],
        Leaders = scope.ResponsibleLeaderId is { } leader ? [leader] : [],
    };

    /// <summary>Who may read a lead: the same rule as <see cref="ReadScope(LeadSummary)"/>, from the lead's scope.</summary>
    public static Resource ReadScope(LeadScope scope) => new()
    {
        Divisions = scope.TownCode is { } town ? [scope.CountyCode, town] : [scope.CountyCode],
        Leaders = scope.ResponsibleLeaderId is { } leader ? [leader] : [],
    };

    private static LeadScope ScopeOf(LeadView v) => new(v.Draft.CountyCode, v.TownCode, v.Draft.ResponsibleLeaderId);

    /// <summary>A referrer belongs to its home county or town when it has one, else to the city.</summary>
    private static Resource ReferrerScope(string cityCode, string? hometownCode) => Resource.Division(hometownCode ?? cityCode);

    /// <summary>
    /// Whether the user may register a referrer of the city with that home town (none: the city's own): the rule of
    /// <see cref="PutReferrerAsync"/>, which the portal's registration form asks before it shows itself.
    /// </summary>
    public bool CanPutReferrer(CurrentUser user, string cityCode, string? hometownCode = null) =>
        jurisdiction.Allows(user, Access.Write, ReferrerScope(cityCode, hometownCode));

    /// <summary>
    /// Registers or updates a referrer: whoever writes its home county or town (none: the city's command office), and, for
    /// one already registered, its present home too. With <paramref name="onlyNew"/> (the portal's 登记引荐人 form) an id
    /// already registered is refused on the id field instead of being updated.
    /// </summary>
    public async Task<ReferrerInfo> PutReferrerAsync(CurrentUser user, string id, string name, ReferrerKind kind, string cityCode,
        string? hometownCode, string? contact, string actor, bool onlyNew = false)
    {
        jurisdiction.Ensure(user, Access.Write, ReferrerScope(cityCode, hometownCode));
        var grain = cluster.GetGrain<IReferrerGrain>(id);
        if (await grain.GetInfoAsync() is { } existing)
        {
            jurisdiction.Ensure(user, Access.Write, ReferrerScope(existing.CityCode, existing.HometownCode));
            if (onlyNew)
            {
                throw DomainException.Invalid("id", ReferrerRules.Taken(id));
            }
        }

        return await grain.RegisterAsync(name, kind, cityCode, hometownCode, contact, actor);
    }

    /// <summary>
    /// The city's referrers, the largest signed amount first, with the figures each one's page shows: whoever reads the
    /// city (its command office; its departments, leaders and inspectors, read-only). A county officer reads the referrers
    /// of its county one by one (<see cref="GetReferrerAsync"/>), not the city's list.
    /// </summary>
    public async Task<ImmutableArray<ReferrerSummary>> ReferrersOfAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(cityCode));
        var referrers = await cluster.GetGrain<IReferrerIndexGrain>(cityCode).ListAsync();
        return [.. referrers.Where(r => jurisdiction.Allows(user, Access.Read, ReferrerScope(r.CityCode, r.HometownCode)))];
    }

    /// <summary>Whether the user may open the city's referrer list (the rule of <see cref="ReferrersOfAsync"/>).</summary>
    public bool CanListReferrers(CurrentUser user, string cityCode) => jurisdiction.Allows(user, Access.Read, Resource.Division(cityCode));

    /// <summary>The referrer and its leads; a county officer reads it when it is from its county or brought one of its leads.</summary>
    public async Task<ReferrerView> GetReferrerAsync(CurrentUser user, string id)
    {
        var view = await cluster.GetGrain<IReferrerGrain>(id).GetAsync();
        var own = ReferrerScope(view.Info.CityCode, view.Info.HometownCode);
        var allowed = jurisdiction.Allows(user, Access.Read, own)
            || view.Leads.Any(l => jurisdiction.Allows(user, Access.Read, ReadScope(l)));
        if (!allowed)
        {
            throw Jurisdiction.Forbidden(user, Access.Read);
        }

        // Only the leads the reader may see are listed.
        return view with { Leads = [.. view.Leads.Where(l => jurisdiction.Allows(user, Access.Read, ReadScope(l)))] };
    }

    public async Task<LeadView> CreateLeadAsync(CurrentUser user, LeadDraft draft, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, WriteScope(draft.CountyCode));
        var id = LeadIds.New(draft.CountyCode, DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)));
        return await cluster.GetGrain<ILeadGrain>(id).CreateAsync(draft, actor);
    }

    public async Task<LeadView> GetLeadAsync(CurrentUser user, string id)
    {
        var view = await cluster.GetGrain<ILeadGrain>(id).GetAsync();
        jurisdiction.Ensure(user, Access.Read, ReadScope(ScopeOf(view)));
        return view;
    }

    /// <summary>Whether the user may record a lead of this county (or, with the city's code, a city-level lead): the same rule as <see cref="CreateLeadAsync"/>.</summary>
    public bool CanCreate(CurrentUser user, string countyCode) => jurisdiction.Allows(user, Access.Write, WriteScope(countyCode));

    public bool CanMove(CurrentUser user, LeadView view) => jurisdiction.Allows(user, Access.Write, WriteScope(view.Draft.CountyCode));

    public bool CanFollowUp(CurrentUser user, LeadView view) => jurisdiction.Allows(user, Access.Write, FollowUpScope(ScopeOf(view)));

    public async Task<LeadView> MoveAsync(CurrentUser user, string id, StageMove move, string actor)
    {
        EnsureWellFormed(id);
        jurisdiction.Ensure(user, Access.Write, WriteScope(LeadIds.CountyOf(id)));
        return await cluster.GetGrain<ILeadGrain>(id).MoveAsync(move, actor);
    }

    public async Task<LeadView> FollowUpAsync(CurrentUser user, string id, FollowUpKind kind, DateOnly date, string note, string actor)
    {
        var grain = cluster.GetGrain<ILeadGrain>(id);
        jurisdiction.Ensure(user, Access.Write, FollowUpScope(await grain.GetScopeAsync()));
        return await grain.FollowUpAsync(kind, date, note, actor);
    }

    /// <summary>Converts a registered lead into a project: the county decides, and the town must be in its jurisdiction too.</summary>
    public async Task<(LeadView Lead, ProjectView Project)> ConvertAsync(CurrentUser user, string id, LeadConversion conversion, string actor)
    {
        EnsureWellFormed(id);
        jurisdiction.Ensure(user, Access.Write, WriteScope(LeadIds.CountyOf(id)));
        if (DivisionCodes.IsTown(conversion.TownCode))
        {
            jurisdiction.Ensure(user, Access.Write, Resource.Division(conversion.TownCode));
        }

        if (string.IsNullOrEmpty(conversion.ProjectCode))
        {
            if (!LeadIds.MayConvertInto(conversion.TownCode, LeadIds.CountyOf(id)))
            {
                throw DomainException.Invalid("townCode", PromotionRefusals.TownOutside(LeadIds.CountyOf(id)));
            }

            // Refused before a code is handed out, so that a lead that cannot convert uses up no serial.
            var current = await cluster.GetGrain<ILeadGrain>(id).GetAsync();
            if (current.ProjectCode is not null || current.Stage is < LeadStage.Registered or LeadStage.Dropped)
            {
                throw DomainException.Conflict(current.ProjectCode is { } p
                    ? PromotionRefusals.Converted(p)
                    : PromotionRefusals.NotYetRegistered(current.Stage.ToString().ToLowerInvariant()));
            }

            conversion = conversion with { ProjectCode = await cluster.GetGrain<ITownGrain>(conversion.TownCode).AllocateProjectCodeAsync() };
        }

        var lead = await cluster.GetGrain<ILeadGrain>(id).ConvertAsync(conversion, actor);
        var project = await cluster.GetGrain<IProjectGrain>(conversion.ProjectCode).GetAsync(PeriodQuery.Latest);
        return (lead, project);
    }

    /// <summary>The leads of a city or county, filtered; a division officer below sees only what its jurisdiction reaches.</summary>
    public async Task<ImmutableArray<LeadSummary>> ListAsync(CurrentUser user, string divisionCode, LeadFilter filter)
    {
        var city = DivisionCodes.IsCity(divisionCode) ? divisionCode : DivisionCodes.CityOf(divisionCode);
        if (!DivisionCodes.IsCity(divisionCode))
        {
            filter = filter with { CountyCode = divisionCode };
        }

        jurisdiction.Ensure(user, Access.Read, Resource.Division(divisionCode));
        var leads = await cluster.GetGrain<ILeadIndexGrain>(city).ListAsync(filter);
        return [.. leads.Where(l => jurisdiction.Allows(user, Access.Read, ReadScope(l)))];
    }

    /// <summary>The leads converted into a town (a town officer's view) or those a leader is responsible for.</summary>
    public async Task<ImmutableArray<LeadSummary>> ListForAsync(CurrentUser user, string cityCode, LeadFilter filter)
    {
        var leads = await cluster.GetGrain<ILeadIndexGrain>(cityCode).ListAsync(filter);
        return [.. leads.Where(l => jurisdiction.Allows(user, Access.Read, ReadScope(l)))];
    }

    /// <summary>A city's or county's promotion page: its name, the promotion block of its totals for the period, and its leads.</summary>
    public async Task<(string Name, PromotionTotals Totals, ImmutableArray<LeadSummary> Leads)> GetOverviewAsync(CurrentUser user, string code, PeriodQuery period)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Division(code));
        var overview = DivisionCodes.IsCity(code)
            ? await cluster.GetGrain<ICityGrain>(code).GetOverviewAsync(period)
            : await cluster.GetGrain<ICountyGrain>(code).GetOverviewAsync(period);
        var leads = await ListAsync(user, code, new LeadFilter(null, null, null));
        return (overview.Name, overview.Totals.Promotion, leads);
    }

    /// <summary>Records a project's preparation record: its divisions decide, as for its reports.</summary>
    public async Task<ProjectView> SetPreparationAsync(CurrentUser user, string projectCode, PreparationRecord record, string actor)
    {
        var project = cluster.GetGrain<IProjectGrain>(projectCode);
        jurisdiction.Ensure(user, Access.Write, Resource.Division((await project.GetScopeAsync()).TownCode));
        await project.SetPreparationAsync(record, actor);
        return await project.GetAsync(PeriodQuery.Latest);
    }

    /// <summary>Whether the user may apply for a project of the town, submit its drafts and raise needs from failed checks.</summary>
    public bool CanApply(CurrentUser user, string townCode) => jurisdiction.Allows(user, Access.Write, Resource.Division(townCode));

    /// <summary>Whether the user records the city's decisions on applications of a project of the town (the command office).</summary>
    public bool CanDecide(CurrentUser user, string townCode) =>
        jurisdiction.Allows(user, Access.Write, new Resource { City = DivisionCodes.CityOf(DivisionCodes.CountyOf(townCode)) });

    /// <summary>Drafts a key-list application for a project of the user's jurisdiction.</summary>
    public async Task<ListApplicationView> ApplyAsync(CurrentUser user, string projectCode, KeyList list, int year, KeyListKind kind, string actor)
    {
        var scope = await cluster.GetGrain<IProjectGrain>(projectCode).GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, Resource.Division(scope.TownCode));
        return await cluster.GetGrain<IListApplicationGrain>(ListApplicationIds.Of(list, year, projectCode)).CreateAsync(projectCode, list, year, kind, actor);
    }

    public async Task<ListApplicationView> GetApplicationAsync(CurrentUser user, string projectCode, string id)
    {
        var view = await cluster.GetGrain<IListApplicationGrain>(id).GetAsync();
        if (view.ProjectCode != projectCode)
        {
            throw DomainException.NotFound($"Project {projectCode} has no list application {id}.");
        }

        jurisdiction.Ensure(user, Access.Read, Resource.Division(view.TownCode));
        return view;
    }

    public async Task<ListApplicationView> SubmitApplicationAsync(CurrentUser user, string projectCode, string id, string actor)
    {
        var view = await GetApplicationAsync(user, projectCode, id);
        jurisdiction.Ensure(user, Access.Write, Resource.Division(view.TownCode));
        return await cluster.GetGrain<IListApplicationGrain>(id).SubmitAsync(actor);
    }

    /// <summary>The city records its decision: only the city's command office.</summary>
    public async Task<ListApplicationView> DecideAsync(CurrentUser user, string projectCode, string id, bool included, DateOnly date, string? note, string actor)
    {
        var view = await GetApplicationAsync(user, projectCode, id);
        jurisdiction.Ensure(user, Access.Write, new Resource { City = DivisionCodes.CityOf(DivisionCodes.CountyOf(view.TownCode)) });
        return await cluster.GetGrain<IListApplicationGrain>(id).DecideAsync(included, date, note, actor);
    }

    /// <summary>Raises a factor need from a failed readiness check, in one step.</summary>
    public async Task<Liandong.Finance.FactorNeed> RaiseFactorNeedAsync(CurrentUser user, string projectCode, string id, string check,
        string departmentId, DateOnly dueDate, string actor)
    {
        var view = await GetApplicationAsync(user, projectCode, id);
        jurisdiction.Ensure(user, Access.Write, Resource.Division(view.TownCode));
        var failed = view.Checks.FirstOrDefault(c => c.Check == check)
            ?? throw DomainException.NotFound($"Application {id} has no check {check}.");
        if (failed.Ok)
        {
            throw DomainException.Conflict($"The check {check} passed: there is no gap to raise.");
        }

        var input = new Liandong.Finance.FactorNeedInput(KeyListChecks.FactorKindOf(check),
            $"盘子申报（{view.List}/{view.Year}）：{check} — {failed.Detail}", null, null, departmentId, dueDate);
        return await cluster.GetGrain<IProjectGrain>(projectCode).AddFactorNeedAsync(input, actor);
    }

    /// <summary>
    /// The city's leaders (四套班子) a lead can be given to, by id and title, for the lead form. Every official of the city
    /// may list this roster, as it reads what the city publishes: a county officer recording a lead picks the leader
    /// instead of typing an id. The projects each leader is linked to are left out (they reach across counties).
    /// </summary>
    public async Task<ImmutableArray<LeaderChoice>> LeaderChoicesAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        var leaders = await cluster.GetGrain<Liandong.Coordination.ILeaderIndexGrain>(cityCode).ListAsync();
        return [.. leaders.Select(l => new LeaderChoice(l.Id, l.Title))];
    }

    /// <summary>The city's timed-handling rules in force and their versions: every official of the city reads them.</summary>
    public async Task<PromotionRulesView> GetRulesAsync(CurrentUser user, string cityCode)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Published(cityCode));
        return await cluster.GetGrain<IPromotionRulesGrain>(cityCode).GetAsync();
    }

    /// <summary>Whether the user may change the city's rules: its command office only.</summary>
    public bool CanSetRules(CurrentUser user, string cityCode) => jurisdiction.Allows(user, Access.Write, new Resource { City = cityCode });

    /// <summary>Sets the city's rules as a new version: its command office only.</summary>
    public async Task<PromotionRulesView> SetRulesAsync(CurrentUser user, string cityCode, PromotionRules rules, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, new Resource { City = cityCode });
        return await cluster.GetGrain<IPromotionRulesGrain>(cityCode).SetAsync(rules, actor);
    }

    private static void EnsureWellFormed(string id)
    {
        if (!LeadIds.IsLead(id))
        {
            throw DomainException.Invalid("id", "A lead id is ZS{county}-yyyyMMdd-XXXXXX.");
        }
    }
}

/// <summary>A leader in the city's roster, as the lead form offers it.</summary>
public sealed record LeaderChoice(string Id, string Title);
