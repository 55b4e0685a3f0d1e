using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>
/// Government–bank–enterprise coordination and factor supply, for the API and the portal: each call asks
/// <see cref="Jurisdiction"/> first. Who may do what:
/// an enterprise (projectOwner) registers itself, submits financing for its projects and accepts offers;
/// its county (and city) recommends requests to banks and sets project owners;
/// a bank (bankOfficer) sees its inbox, offers, declines and records disbursements;
/// a factor need is raised by the project's divisions or owner and moved on by its responsible department.
/// </summary>
public sealed class FinanceService(IClusterClient cluster, Jurisdiction jurisdiction, AccessScopes scopes)
{
    /// <summary>
    /// Registers an enterprise (its county's officers, the command office, or the enterprise itself), or changes a
    /// registered one: renaming is for those who hold its current county (not the county named in the body);
    /// moving it to another county is for the command office of its city alone, and never to another city (409).
    /// </summary>
    public async Task<EnterpriseView> RegisterEnterpriseAsync(CurrentUser user, string creditCode, string name, string countyCode, string actor)
    {
        var grain = cluster.GetGrain<IEnterpriseGrain>(creditCode);
        if (!await grain.ExistsAsync())
        {
            jurisdiction.Ensure(user, Access.Write, new Resource { Divisions = [countyCode], Owners = [creditCode] });
            return await grain.RegisterAsync(name, countyCode, actor);
        }

        var current = await grain.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, Resource.Division(current.CountyCode));
        if (current.CountyCode == countyCode)
        {
            return await grain.RegisterAsync(name, countyCode, actor);
        }

        var city = DivisionCodes.CityOf(current.CountyCode);
        if (DivisionCodes.CityOf(countyCode) != city)
        {
            throw DomainException.Conflict(FinanceRefusals.EnterpriseOtherCity(creditCode, city));
        }

        jurisdiction.Ensure(user, Access.Write, Resource.Division(city));
        return await grain.MoveAsync(name, current.CountyCode, countyCode, actor);
    }

    public async Task<EnterpriseView> GetEnterpriseAsync(CurrentUser user, string creditCode)
    {
        await scopes.EnsureAsync(user, Access.Read, scopes.EnterpriseAsync(creditCode));
        return await cluster.GetGrain<IEnterpriseGrain>(creditCode).GetAsync();
    }

    public Task<BankView> RegisterBankAsync(CurrentUser user, string code, string name, string cityCode, string actor)
    {
        jurisdiction.Ensure(user, Access.Write, new Resource { City = cityCode, Banks = [code] });
        return cluster.GetGrain<IBankGrain>(code).RegisterAsync(name, cityCode, actor);
    }

    public async Task<BankView> GetBankAsync(CurrentUser user, string code)
    {
        await scopes.EnsureAsync(user, Access.Read, scopes.BankAsync(code));
        return await cluster.GetGrain<IBankGrain>(code).GetAsync();
    }

    public async Task<(BankView Bank, ImmutableArray<BankInboxEntry> Inbox)> GetInboxAsync(CurrentUser user, string code, BankRequestStatus? status)
    {
        var view = await GetBankAsync(user, code);
        return (view, await cluster.GetGrain<IBankGrain>(code).GetInboxAsync(status));
    }

    /// <summary>Sets a project's owner: its divisions decide, not an enterprise (which cannot claim a project).</summary>
    public async Task<ProjectView> SetOwnerAsync(CurrentUser user, string projectCode, string creditCode, string actor)
    {
        var project = cluster.GetGrain<IProjectGrain>(projectCode);
        var scope = await project.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, OwnerOf(scope.TownCode));
        return await project.SetOwnerAsync(creditCode, actor);
    }

    /// <summary>Whether the portal offers setting this project's owner (its divisions and the command office; the call checks again).</summary>
    public bool CanSetOwner(CurrentUser user, ProjectView view) =>
        jurisdiction.Allows(user, Access.Write, OwnerOf(view.Profile.TownCode));

    /// <summary>Who decides a project's owner: the divisions over its town (not the owner itself, nor a department).</summary>
    private static Resource OwnerOf(string townCode) => Resource.Division(townCode);

    public async Task<FinancingRequestView> SubmitFinancingAsync(CurrentUser user, string id, FinancingSubmission submission, string actor)
    {
        var project = await cluster.GetGrain<IProjectGrain>(submission.ProjectCode).GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, new Resource { Divisions = [project.TownCode], Owners = [submission.CreditCode] });
        return await cluster.GetGrain<IFinancingRequestGrain>(id).SubmitAsync(submission, actor);
    }

    public async Task<FinancingRequestView> GetFinancingAsync(CurrentUser user, string id)
    {
        await scopes.EnsureAsync(user, Access.Read, scopes.FinancingAsync(id));
        return await cluster.GetGrain<IFinancingRequestGrain>(id).GetAsync();
    }

    /// <summary>The county (or city) recommends a request to banks.</summary>
    public async Task<FinancingRequestView> RecommendAsync(CurrentUser user, string id, ImmutableArray<string> bankCodes, string? note, string actor)
    {
        var request = cluster.GetGrain<IFinancingRequestGrain>(id);
        var scope = await request.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, Resource.Division(DivisionCodes.CountyOf(scope.TownCode)));
        return await request.RecommendAsync(bankCodes, note, actor);
    }

    public async Task<FinancingRequestView> OfferAsync(CurrentUser user, string id, OfferInput offer, string actor)
    {
        var request = await ForBankAsync(user, id, offer.BankCode);
        return await request.OfferAsync(offer, actor);
    }

    public async Task<FinancingRequestView> DeclineAsync(CurrentUser user, string id, string bankCode, string? reason, string actor)
    {
        var request = await ForBankAsync(user, id, bankCode);
        return await request.DeclineAsync(bankCode, reason, actor);
    }

    /// <summary>The enterprise accepts one offer.</summary>
    public async Task<FinancingRequestView> AcceptAsync(CurrentUser user, string id, string offerId, string actor)
    {
        var request = cluster.GetGrain<IFinancingRequestGrain>(id);
        var scope = await request.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, new Resource { Owners = [scope.CreditCode], City = CityOf(scope.TownCode) });
        return await request.AcceptAsync(offerId, actor);
    }

    /// <summary>The bank whose offer was accepted records a payment.</summary>
    public async Task<FinancingRequestView> DisburseAsync(CurrentUser user, string id, DisbursementInput disbursement, string actor)
    {
        var request = cluster.GetGrain<IFinancingRequestGrain>(id);
        var scope = await request.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, new Resource { Banks = scope.AcceptedBank is { } bank ? [bank] : [], City = CityOf(scope.TownCode) });
        return await request.DisburseAsync(disbursement, actor);
    }

    /// <summary>
    /// The financing requests of a city or county, optionally of one status, with the division's rolled-up overview
    /// (its finance totals). A city reads each of its counties' finance indexes side by side (separate grains, none
    /// calls another). Newest first.
    /// </summary>
    public async Task<(DivisionOverview Overview, IReadOnlyList<FinancingRow> Requests)> FinancingOfAsync(
        CurrentUser user, string code, FinancingStatus? status = null)
    {
        EnsureCanReadFinancing(user, code);
        if (DivisionCodes.IsCity(code))
        {
            var city = await cluster.GetGrain<ICityGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
            var lists = await Task.WhenAll(city.Children.Select(c => cluster.GetGrain<ICountyFinanceIndexGrain>(c.Code).GetFinancingAsync(status)));
            return (city, lists.SelectMany(l => l).OrderByDescending(r => r.UpdatedAt).ToList());
        }

        var county = await cluster.GetGrain<ICountyGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
        var rows = await cluster.GetGrain<ICountyFinanceIndexGrain>(code).GetFinancingAsync(status);
        return (county, rows.OrderByDescending(r => r.UpdatedAt).ToList());
    }

    /// <summary>
    /// The open factor needs of a city, county or town with the division's rolled-up overview (the counts): from the
    /// county finance indexes, a city's side by side, a town's filtered in its county's index.
    /// </summary>
    public async Task<(DivisionOverview Overview, IReadOnlyList<FactorNeedRow> Needs)> FactorNeedsOfAsync(CurrentUser user, string code)
    {
        EnsureCanRead(user, code);
        if (DivisionCodes.IsCity(code))
        {
            var city = await cluster.GetGrain<ICityGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
            var lists = await Task.WhenAll(city.Children.Select(c => cluster.GetGrain<ICountyFinanceIndexGrain>(c.Code).GetFactorNeedsAsync(null)));
            return (city, [.. lists.SelectMany(l => l)]);
        }

        if (DivisionCodes.IsCounty(code))
        {
            var county = await cluster.GetGrain<ICountyGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
            return (county, await cluster.GetGrain<ICountyFinanceIndexGrain>(code).GetFactorNeedsAsync(null));
        }

        var town = await cluster.GetGrain<ITownGrain>(code).GetOverviewAsync(PeriodQuery.Latest);
        return (town, await cluster.GetGrain<ICountyFinanceIndexGrain>(DivisionCodes.CountyOf(code)).GetFactorNeedsAsync(code));
    }

    /// <summary>Checks that a division's financing or factor lists may be read.</summary>
    public void EnsureCanRead(CurrentUser user, string divisionCode) => jurisdiction.Ensure(user, Access.Read, Resource.Division(divisionCode));

    /// <summary>Checks that a division's financing list may be read (not by departments and leaders: see <see cref="Resource.Financing"/>).</summary>
    public void EnsureCanReadFinancing(CurrentUser user, string divisionCode) =>
        jurisdiction.Ensure(user, Access.Read, Resource.Division(divisionCode) with { Financing = true });

    /// <summary>Whether the user may read a division's financing list (the portal shows it only then).</summary>
    public bool CanReadFinancing(CurrentUser user, string divisionCode) =>
        jurisdiction.Allows(user, Access.Read, Resource.Division(divisionCode) with { Financing = true });

    /// <summary>A factor need is raised by the project's divisions or its owner.</summary>
    public async Task<FactorNeed> AddFactorNeedAsync(CurrentUser user, string projectCode, FactorNeedInput input, string actor)
    {
        await scopes.EnsureAsync(user, Access.Write, scopes.ProjectAsync(projectCode));
        return await cluster.GetGrain<IProjectGrain>(projectCode).AddFactorNeedAsync(input, actor);
    }

    /// <summary>A factor need moves on by its responsible department or the project's divisions.</summary>
    public async Task<FactorNeed> UpdateFactorNeedAsync(CurrentUser user, string projectCode, string id, FactorUpdate update, string actor)
    {
        await scopes.EnsureAsync(user, Access.Write, scopes.FactorNeedsAsync(projectCode, Access.Write, id));
        return await cluster.GetGrain<IProjectGrain>(projectCode).UpdateFactorNeedAsync(id, update, actor);
    }

    /// <summary>The portal's registry of enterprises and banks is the command office's (the write calls check again).</summary>
    public void EnsureCanWriteCity(CurrentUser user, string cityCode) => jurisdiction.Ensure(user, Access.Write, Resource.Division(cityCode));

    /// <summary>Whether the portal offers the factor need form on this project (its divisions or owner; the call checks again).</summary>
    public bool CanAddFactorNeed(CurrentUser user, ProjectView view) =>
        jurisdiction.Allows(user, Access.Write, AccessScopes.Of(view));

    /// <summary>Whether the portal offers moving this need (its department or the project's divisions; the call checks again).</summary>
    public bool CanUpdateFactorNeed(CurrentUser user, ProjectView view, FactorNeed need) =>
        jurisdiction.Allows(user, Access.Write, new Resource { Divisions = [view.Profile.TownCode], Departments = [need.DepartmentId] });

    public async Task<ImmutableArray<FactorNeed>> GetFactorNeedsAsync(CurrentUser user, string projectCode)
    {
        await scopes.EnsureAsync(user, Access.Read, scopes.FactorNeedsAsync(projectCode, Access.Read));
        return await cluster.GetGrain<IProjectGrain>(projectCode).GetFactorNeedsAsync();
    }

    private async Task<IFinancingRequestGrain> ForBankAsync(CurrentUser user, string id, string bankCode)
    {
        var request = cluster.GetGrain<IFinancingRequestGrain>(id);
        var scope = await request.GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, new Resource { Banks = [bankCode], City = CityOf(scope.TownCode) });
        return request;
    }

    private static string CityOf(string townCode) => DivisionCodes.CityOf(DivisionCodes.CountyOf(townCode));
}
