using Liandong.Client.Auth;
using Liandong.Client.Services;

namespace Liandong.Client.Api;

/// <summary>Operations: cluster state for the ops team.</summary>
public static class OpsApi
{
    public static RouteGroupBuilder MapOpsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ops/cluster", async (OpsService ops, HttpContext http) =>
                Results.Ok(new { silos = (await ops.SilosAsync(http.CurrentUser())).Select(s => new { address = s.Address, status = s.Status }) }))
            .WithName("GetCluster").WithSummary("The silos of the cluster and their status (ops and the city command office).").WithTags("Ops");
        return api;
    }
}
