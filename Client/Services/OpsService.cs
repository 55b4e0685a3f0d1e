using Liandong.Client.Auth;

namespace Liandong.Client.Services;

/// <summary>One silo as the cluster's membership sees it.</summary>
public sealed record SiloRow(string Address, string Status);

/// <summary>Cluster state for the ops team (and the city command office): no business data.</summary>
public sealed class OpsService(IClusterClient cluster, Jurisdiction jurisdiction)
{
    public async Task<IReadOnlyList<SiloRow>> SilosAsync(CurrentUser user)
    {
        jurisdiction.Ensure(user, Access.Read, Resource.Ops(user.CityCode));
        var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        return hosts.Select(h => new SiloRow(h.Key.ToParsableString(), h.Value.ToString())).OrderBy(s => s.Address, StringComparer.Ordinal).ToList();
    }
}
