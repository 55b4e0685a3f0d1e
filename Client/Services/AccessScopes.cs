using Liandong.Client.Auth;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Jurisdiction = Liandong.Client.Auth.Jurisdiction;

namespace Liandong.Client.Services;

/// <summary>
/// The one path from a guarded grain to a <see cref="Resource"/>: each guarded grain (project, matter, financing
/// request, enterprise, bank, meeting, directive, leader, visit) answers a cheap read-only <c>GetScopeAsync</c>,
/// the methods here turn it into the <see cref="Resource"/> the role table reads, and <see cref="EnsureAsync"/>
/// asks <see cref="Jurisdiction"/> with it. No view is built and nothing is written for a check (a matter's full
/// read may escalate it; its scope never does). A service that already holds a view for its answer turns the view's
/// scope into a resource with the same <c>Of</c> methods, so each kind of thing has one rule.
/// </summary>
public sealed class AccessScopes(IClusterClient cluster, Jurisdiction jurisdiction)
{
    /// <summary>Throws a 403 unless the user may have <paramref name="access"/> to what <paramref name="scope"/> describes.</summary>
    public async Task EnsureAsync(CurrentUser user, Access access, Task<Resource> scope) => jurisdiction.Ensure(user, access, await scope);

    /// <summary>Whether the user may have <paramref name="access"/> to what <paramref name="scope"/> describes.</summary>
    public async Task<bool> AllowsAsync(CurrentUser user, Access access, Task<Resource> scope) => jurisdiction.Allows(user, access, await scope);

    /// <summary>A project: its town and owner; with <paramref name="withLeader"/>, its linked leader too (who may raise matters for it).</summary>
    public async Task<Resource> ProjectAsync(string code, bool withLeader = false) =>
        Of(await cluster.GetGrain<IProjectGrain>(code).GetScopeAsync(), withLeader);

    /// <summary>
    /// A project's factor needs: read by its divisions, owner and every department responsible for one of them;
    /// one need (<paramref name="needId"/>) is moved on by the project's divisions or its own department.
    /// </summary>
    public async Task<Resource> FactorNeedsAsync(string projectCode, Access access, string? needId = null)
    {
        // Both calls only read the project's state; neither builds its view.
        var project = cluster.GetGrain<IProjectGrain>(projectCode);
        var scopeTask = project.GetScopeAsync();
        var needsTask = project.GetFactorNeedsAsync();
        await Task.WhenAll(scopeTask, needsTask);
        var (scope, needs) = (scopeTask.Result, needsTask.Result);
        return access == Access.Read
            ? Of(scope) with { Departments = [.. needs.Select(n => n.DepartmentId).Distinct()] }
            : new Resource
            {
                Divisions = [scope.TownCode],
                Departments = needs.FirstOrDefault(n => n.Id == needId)?.DepartmentId is { } department ? [department] : [],
            };
    }

    /// <summary>
    /// A matter: for writing (resolving, reopening), the raiser's side — its division, or the raising project's
    /// divisions, owner and leader; for reading, also the division it is addressed to and its departments.
    /// </summary>
    public async Task<Resource> MatterAsync(string id, Access access)
    {
        var matter = await cluster.GetGrain<IMatterGrain>(id).GetScopeAsync();
        var raiser = await RaiserAsync(matter.RaisedBy, matter.ProjectCode);
        return access == Access.Write
            ? raiser
            : raiser with { Divisions = [.. raiser.Divisions, matter.AddressedTo], Departments = [.. matter.Departments] };
    }

    /// <summary>Who stands for a raiser: a division itself, or a project's divisions, owner and linked leader.</summary>
    public Task<Resource> RaiserAsync(string raisedBy, string? projectCode) =>
        DivisionCodes.IsTown(raisedBy) || DivisionCodes.IsCounty(raisedBy)
            ? Task.FromResult(Resource.Division(raisedBy))
            : ProjectAsync(projectCode ?? raisedBy, withLeader: true);

    /// <summary>A financing request, to read: its town, its enterprise and the banks it was sent to.</summary>
    public async Task<Resource> FinancingAsync(string id) => Of(await cluster.GetGrain<IFinancingRequestGrain>(id).GetScopeAsync());

    /// <summary>An enterprise, to read: its county and the enterprise itself (financing is its business).</summary>
    public async Task<Resource> EnterpriseAsync(string creditCode) =>
        Of(creditCode, await cluster.GetGrain<IEnterpriseGrain>(creditCode).GetScopeAsync());

    /// <summary>A bank: its city and its own officers.</summary>
    public async Task<Resource> BankAsync(string code) => Of(code, await cluster.GetGrain<IBankGrain>(code).GetScopeAsync());

    /// <summary>A meeting, to read: the city or county that holds it.</summary>
    public async Task<Resource> MeetingAsync(string id) => Resource.Division((await cluster.GetGrain<IMeetingGrain>(id).GetScopeAsync()).CountyCode);

    /// <summary>A directive, to read: its city and every county and town it reaches.</summary>
    public async Task<Resource> DirectiveAsync(string id)
    {
        var d = await cluster.GetGrain<IDirectiveGrain>(id).GetScopeAsync();
        return new Resource { Divisions = [d.CityCode, .. d.Reaches] };
    }

    /// <summary>A leader: read by the leader and its city's divisions; changed by the leader or its city's command office.</summary>
    public async Task<Resource> LeaderAsync(string leaderId, Access access)
    {
        var leader = await cluster.GetGrain<ILeaderGrain>(leaderId).GetScopeAsync();
        return access == Access.Read
            ? new Resource { Leaders = [leaderId], Divisions = [leader.CityCode] }
            : new Resource { Leaders = [leaderId], City = leader.CityCode };
    }

    /// <summary>A visit, to read: the leader who made it and its city's divisions.</summary>
    public async Task<Resource> VisitAsync(string visitId)
    {
        var visit = await cluster.GetGrain<IVisitGrain>(visitId).GetScopeAsync();
        return new Resource { Leaders = [visit.LeaderId], Divisions = [visit.CityCode] };
    }

    public static Resource Of(ProjectScope scope, bool withLeader = false) => new()
    {
        Divisions = [scope.TownCode],
        Owners = scope.OwnerCreditCode is { } owner ? [owner] : [],
        Leaders = withLeader && scope.LeaderId is { } leader ? [leader] : [],
    };

    /// <summary>A project read whole for its answer: the same rule as its scope's (a view is never fetched for a check alone).</summary>
    public static Resource Of(ProjectView view, bool withLeader = false) =>
        Of(new ProjectScope(view.Profile.TownCode, view.Owner?.CreditCode, view.LeaderId), withLeader);

    public static Resource Of(FinancingScope scope) => new()
    {
        Divisions = [scope.TownCode],
        Owners = [scope.CreditCode],
        Banks = [.. scope.Banks],
        Financing = true,
    };

    public static Resource Of(string creditCode, EnterpriseScope scope) =>
        new() { Divisions = [scope.CountyCode], Owners = [creditCode], Financing = true };

    public static Resource Of(string bankCode, BankScope scope) => new() { City = scope.CityCode, Banks = [bankCode] };
}
