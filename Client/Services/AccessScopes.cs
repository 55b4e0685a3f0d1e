using Liandong.Client.Auth;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Jurisdiction = Liandong.Client.Auth.Jurisdiction;

namespace Liandong.Client.Services;

/// <summary>
/// The one path from a guarded grain to a <see cref="Resource"/>: each guarded grain answers a cheap read-only
/// scope call (<see cref="IProjectGrain.GetScopeAsync"/>, <see cref="IMatterGrain.GetScopeAsync"/>), and
/// <see cref="EnsureAsync"/> asks <see cref="Jurisdiction"/> with it. No view is built and nothing is written for a
/// check (a matter's full read may escalate it; its scope never does).
/// </summary>
public sealed class AccessScopes(IClusterClient cluster, Jurisdiction jurisdiction)
{
    /// <summary>Throws a 403 unless the user may have <paramref name="access"/> to what <paramref name="scope"/> describes.</summary>
    public async Task EnsureAsync(CurrentUser user, Access access, Task<Resource> scope) => jurisdiction.Ensure(user, access, await scope);

    /// <summary>A project: its town and owner; with <paramref name="withLeader"/>, its linked leader too (who may raise matters for it).</summary>
    public async Task<Resource> ProjectAsync(string code, bool withLeader = false) =>
        Of(await cluster.GetGrain<IProjectGrain>(code).GetScopeAsync(), withLeader);

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

    public static Resource Of(ProjectScope scope, bool withLeader = false) => new()
    {
        Divisions = [scope.TownCode],
        Owners = scope.OwnerCreditCode is { } owner ? [owner] : [],
        Leaders = withLeader && scope.LeaderId is { } leader ? [leader] : [],
    };
}
