using Liandong.Client.Auth;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Jurisdiction = Liandong.Client.Auth.Jurisdiction;

namespace Liandong.Client.Services;

/// <summary>
/// Who may touch the coordination flows (matters, meetings, directives, leaders, visits): each coordination route
/// calls one of these before its grain call, and each builds the <see cref="Resource"/> its flow is about and
/// asks <see cref="Jurisdiction"/>. The rules:
/// a matter is read by the divisions that raised it and that it is addressed to, its departments, and the raising
/// project's owner and linked leader; it is raised, resolved and reopened by the raiser's side; a department
/// answers only for itself; meetings and directives are the city's to open and issue, a county splits and
/// reports on its own share, a town on its own; leaders and project–leader links are the city's; a leader
/// records its own visits.
/// </summary>
public sealed class CoordinationAccess(IClusterClient cluster, Jurisdiction jurisdiction, AccessScopes scopes)
{
    public void EnsureDepartment(CurrentUser user, Access access, string departmentId) =>
        jurisdiction.Ensure(user, access, Resource.Department(departmentId));

    /// <summary>
    /// Raising a matter: the account must stand for the raiser (its division, or the raising project's divisions,
    /// owner or linked leader) — a leader cannot raise in a county's name; and a visit may be attached only by
    /// the leader who made it or the command office of its city.
    /// </summary>
    public async Task EnsureCanRaiseAsync(CurrentUser user, string raisedBy, string? projectCode, string? visitId)
    {
        await scopes.EnsureAsync(user, Access.Write, scopes.RaiserAsync(raisedBy, projectCode));
        if (visitId is not null && Ids.IsKey(visitId) && await cluster.GetGrain<IVisitGrain>(visitId).GetInfoAsync() is { } visit)
        {
            jurisdiction.Ensure(user, Access.Write, new Resource { Leaders = [visit.LeaderId], City = visit.CityCode });
        }
    }

    /// <summary>Reading a matter, or (with <see cref="Access.Write"/>) resolving or reopening it as its raiser's side.</summary>
    public Task EnsureMatterAsync(CurrentUser user, Access access, string matterId) =>
        scopes.EnsureAsync(user, access, scopes.MatterAsync(matterId, access));

    /// <summary>Answering for a department: that department only (or the city command office).</summary>
    public void EnsureCanAnswer(CurrentUser user, string departmentId) =>
        jurisdiction.Ensure(user, Access.Write, Resource.Department(departmentId));

    /// <summary>Reading or changing what belongs to a division (its matter, meeting, directive and leader lists; opening a meeting; issuing a directive; a share's progress).</summary>
    public void EnsureDivision(CurrentUser user, Access access, string code) =>
        jurisdiction.Ensure(user, access, Resource.Division(code));

    public bool CanReadDivision(CurrentUser user, string code) => jurisdiction.Allows(user, Access.Read, Resource.Division(code));

    public Task EnsureMeetingAsync(CurrentUser user, string meetingId) =>
        scopes.EnsureAsync(user, Access.Read, scopes.MeetingAsync(meetingId));

    /// <summary>A directive is read by the city and every county and town it reaches.</summary>
    public Task EnsureCanReadDirectiveAsync(CurrentUser user, string directiveId) =>
        scopes.EnsureAsync(user, Access.Read, scopes.DirectiveAsync(directiveId));

    public Task EnsureLeaderAsync(CurrentUser user, Access access, string leaderId) =>
        scopes.EnsureAsync(user, access, scopes.LeaderAsync(leaderId, access));

    /// <summary>Linking a project to a leader is the city command office's.</summary>
    public async Task EnsureCanLinkLeaderAsync(CurrentUser user, string projectCode)
    {
        var project = await cluster.GetGrain<IProjectGrain>(projectCode).GetScopeAsync();
        jurisdiction.Ensure(user, Access.Write, Resource.Division(DivisionCodes.CityOf(DivisionCodes.CountyOf(project.TownCode))));
    }

    public Task EnsureCanReadVisitAsync(CurrentUser user, string visitId) =>
        scopes.EnsureAsync(user, Access.Read, scopes.VisitAsync(visitId));
}
