using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Tenders;

namespace Liandong.Client.Services;

/// <summary>
/// Tender supervision and integrity risk (招投标专项整治, 廉政风险防控) for the API and the portal, each call asking
/// <see cref="Jurisdiction"/> first. A project's processes are entered and corrected by those who may write the
/// project (its town and county officers, its owner, the command office); their summaries (no bidders) are
/// read by anyone who may read the project. Bidder details, alerts, coverage and the summary are integrity
/// resources: inspectors over the process's county (or the city) and the command office only.
/// </summary>
public sealed class TenderService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    /// <summary>An integrity resource of a county (or of the city, for what lies in no single county).</summary>
    public static Resource IntegrityOf(string cityCode, string? countyCode) =>
        new() { Divisions = [countyCode ?? cityCode], City = cityCode, Integrity = true };

    /// <summary>Enters a new process on a project.</summary>
    public async Task<TenderView> CreateAsync(CurrentUser user, string projectCode, TenderInput input, string actor)
    {
        var project = await WritableProjectAsync(user, projectCode);
        var id = TenderIds.New(TimeProvider.System.GetLocalNow());
        return await cluster.GetGrain<ITenderGrain>(id).SaveAsync(PlacementOf(project), WithBuyer(input, project), actor);
    }

    /// <summary>Whether the portal offers entering a process on this project (whoever may write the project; the call checks again).</summary>
    public bool CanEnter(CurrentUser user, ProjectView project) => jurisdiction.Allows(user, Access.Write, AccessScopes.Of(project));

    /// <summary>
    /// Whether the portal offers correcting this process: an entered process of a project, to whoever may write the
    /// project (<see cref="UpdateAsync"/> asks the same); an imported release is corrected by importing it again.
    /// </summary>
    public async Task<bool> CanCorrectAsync(CurrentUser user, TenderRecord record)
    {
        if (record.Placement is not { ProjectCode: { } projectCode, Source: TenderSource.Entered })
        {
            return false;
        }

        var scope = await cluster.GetGrain<IProjectGrain>(projectCode).GetScopeAsync();
        return jurisdiction.Allows(user, Access.Write, AccessScopes.Of(scope));
    }

    /// <summary>Corrects a process of a project; the replaced version is kept.</summary>
    public async Task<TenderView> UpdateAsync(CurrentUser user, string projectCode, string id, TenderInput input, string actor)
    {
        var project = await WritableProjectAsync(user, projectCode);
        var tender = cluster.GetGrain<ITenderGrain>(id);
        var current = await tender.GetAsync();
        if (current.Record.Placement.ProjectCode != projectCode)
        {
            throw DomainException.NotFound($"Tender {id} is not a process of project {projectCode}.");
        }

        return await tender.SaveAsync(PlacementOf(project), WithBuyer(input, project), actor);
    }

    /// <summary>The project's processes as anyone who may read the project sees them (summaries: no bidder details).</summary>
    public async Task<ImmutableArray<TenderRecord>> ListForProjectAsync(CurrentUser user, string projectCode)
    {
        var scope = await cluster.GetGrain<IProjectGrain>(projectCode).GetScopeAsync();
        jurisdiction.Ensure(user, Access.Read, AccessScopes.Of(scope, withLeader: true));
        var county = DivisionCodes.CountyOf(scope.TownCode);
        var (records, _) = await cluster.GetGrain<ICityTendersGrain>(DivisionCodes.CityOf(county)).ListAsync(county, projectCode);
        return records;
    }

    /// <summary>A process with its bidders and corrections: an integrity resource.</summary>
    public async Task<TenderView> GetDetailAsync(CurrentUser user, string id)
    {
        var view = await cluster.GetGrain<ITenderGrain>(id).GetAsync();
        jurisdiction.Ensure(user, Access.Read, IntegrityOf(view.Record.Placement.CityCode, view.Record.Placement.CountyCode));
        return view;
    }

    /// <summary>Whether the user may see bidder details and alerts of a process in this county (the portal shows them only then).</summary>
    public bool CanSeeIntegrity(CurrentUser user, string cityCode, string? countyCode) =>
        jurisdiction.Allows(user, Access.Read, IntegrityOf(cityCode, countyCode));

    /// <summary>Imports OCDS releases into the city: the command office only.</summary>
    public Task<OcdsImportResult> ImportOcdsAsync(CurrentUser user, string cityCode, string body, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        return cluster.GetGrain<ITenderImportGrain>(cityCode).ImportOcdsAsync(body, actor);
    }

    /// <summary>The alerts of the city the user may see (an inspector of a county: that county's), and the fences.</summary>
    public async Task<(ImmutableArray<IntegrityFlag> Flags, ImmutableDictionary<string, Fence> Fences)> FlagsAsync(
        CurrentUser user, string cityCode, string? indicator, string? countyCode, FlagStatus? status)
    {
        EnsureAnyIntegrity(user, cityCode, countyCode);
        var (flags, fences) = await cluster.GetGrain<IIntegrityGrain>(cityCode).GetFlagsAsync();
        return ([.. flags.Where(f => jurisdiction.Allows(user, Access.Read, IntegrityOf(cityCode, f.CountyCode)))
            .Where(f => indicator is null || f.Indicator == indicator)
            .Where(f => countyCode is null || f.CountyCode == countyCode)
            .Where(f => status is null || f.Status == status)], fences);
    }

    /// <summary>One alert of the user's city.</summary>
    public async Task<IntegrityFlag> FlagAsync(CurrentUser user, string id)
    {
        var flag = await cluster.GetGrain<IIntegrityGrain>(user.CityCode).GetFlagAsync(id);
        jurisdiction.Ensure(user, Access.Read, IntegrityOf(user.CityCode, flag.CountyCode));
        return flag;
    }

    /// <summary>The process an alert is about, when it is about one and the user may see it.</summary>
    public async Task<TenderView?> TenderOfAsync(CurrentUser user, IntegrityFlag flag) =>
        flag.Finding.TenderId is { } id ? await GetDetailAsync(user, id) : null;

    /// <summary>An inspector over the alert's county confirms or dismisses it with a note.</summary>
    public async Task<IntegrityFlag> ReviewAsync(CurrentUser user, string id, ReviewOutcome outcome, string note, string actor)
    {
        var grain = cluster.GetGrain<IIntegrityGrain>(user.CityCode);
        var flag = await grain.GetFlagAsync(id);
        jurisdiction.Ensure(user, Access.Write, IntegrityOf(user.CityCode, flag.CountyCode));
        return await grain.ReviewAsync(id, outcome, note, actor);
    }

    /// <summary>Open, confirmed and dismissed alerts by county and indicator, over what the user may see.</summary>
    public async Task<ImmutableArray<IntegritySummaryRow>> SummaryAsync(CurrentUser user, string cityCode)
    {
        var (flags, _) = await FlagsAsync(user, cityCode, null, null, null);
        return [.. flags.Where(f => f.Status != FlagStatus.Cleared)
            .GroupBy(f => (f.CountyCode, f.Indicator))
            .OrderBy(g => g.Key.CountyCode ?? "", StringComparer.Ordinal).ThenBy(g => g.Key.Indicator, StringComparer.Ordinal)
            .Select(g => new IntegritySummaryRow(g.Key.CountyCode, g.Key.Indicator,
                g.Count(f => f.Status == FlagStatus.Open), g.Count(f => f.Status == FlagStatus.Confirmed), g.Count(f => f.Status == FlagStatus.Dismissed)))];
    }

    /// <summary>The titles of the city's processes the user may see integrity data of, by tender id (for alert lists).</summary>
    public async Task<Dictionary<string, string>> TitlesAsync(CurrentUser user, string cityCode)
    {
        EnsureAnyIntegrity(user, cityCode, null);
        var (records, _) = await cluster.GetGrain<ICityTendersGrain>(cityCode).ListAsync(null, null);
        return records.Where(r => jurisdiction.Allows(user, Access.Read, IntegrityOf(cityCode, r.Placement.CountyCode)))
            .ToDictionary(r => r.Id, r => r.Data.Title, StringComparer.Ordinal);
    }

    /// <summary>Whether the user may review this alert (an inspector over its county).</summary>
    public bool CanReview(CurrentUser user, IntegrityFlag flag) =>
        jurisdiction.Allows(user, Access.Write, IntegrityOf(user.CityCode, flag.CountyCode));

    /// <summary>Per indicator, how much of the city's data it could use.</summary>
    public Task<ImmutableArray<CoverageRow>> CoverageAsync(CurrentUser user, string cityCode)
    {
        EnsureAnyIntegrity(user, cityCode, null);
        return cluster.GetGrain<IIntegrityGrain>(cityCode).GetCoverageAsync();
    }

    public Task<IntegritySettings> GetSettingsAsync(CurrentUser user, string cityCode)
    {
        EnsureAnyIntegrity(user, cityCode, null);
        return cluster.GetGrain<IIntegrityGrain>(cityCode).GetSettingsAsync();
    }

    /// <summary>The command office sets the city's thresholds and limits.</summary>
    public Task<IntegritySettings> SetSettingsAsync(CurrentUser user, string cityCode, IntegritySettings settings, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));
        return cluster.GetGrain<IIntegrityGrain>(cityCode).SetSettingsAsync(settings, actor);
    }

    /// <summary>
    /// The city's integrity data may be read in part: the command office reads all of it, an inspector of a county
    /// its county's alerts. Anyone else — a county officer, an owner, a leader — gets a 403.
    /// </summary>
    private void EnsureAnyIntegrity(CurrentUser user, string cityCode, string? countyCode)
    {
        var scope = IntegrityOf(cityCode, countyCode);
        var inspectorWithin = countyCode is null && user.Role == UserRole.Inspector && user.CityCode == cityCode &&
            DivisionCodes.IsWithin(user.Jurisdiction, cityCode);
        if (!jurisdiction.Allows(user, Access.Read, scope) && !inspectorWithin)
        {
            throw Jurisdiction.Forbidden(user, Access.Read);
        }
    }

    private async Task<ProjectView> WritableProjectAsync(CurrentUser user, string projectCode)
    {
        var project = await cluster.GetGrain<IProjectGrain>(projectCode).GetAsync(PeriodQuery.Latest);
        jurisdiction.Ensure(user, Access.Write, AccessScopes.Of(project));
        return project;
    }

    private static TenderPlacement PlacementOf(ProjectView project) =>
        new(project.Profile.Code, project.Profile.CountyCode, DivisionCodes.CityOf(project.Profile.CountyCode), TenderSource.Entered);

    /// <summary>The buyer (招标人) of an entered process is its project's owner unless the entry names another.</summary>
    private static TenderInput WithBuyer(TenderInput input, ProjectView project) =>
        input.BuyerId is not null ? input : input with { BuyerId = project.Owner?.CreditCode, BuyerName = input.BuyerName ?? project.Owner?.Name };
}
