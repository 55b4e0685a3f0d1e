using Liandong.Client.Auth;
using Liandong.Client.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Operations: cluster state for the ops team.</summary>
public static class OpsApi
{
    /// <summary>GET /ops/cluster: the silos and their status.</summary>
    public sealed record ClusterJson(IReadOnlyList<SiloJson> Silos);

    public sealed record SiloJson(string Address, string Status);

    public static RouteGroupBuilder MapOpsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ops/cluster", GetCluster)
            .WithName("GetCluster").WithSummary("The silos of the cluster and their status (ops and the city command office).").WithTags("Ops");
        return api;
    }

    private static async Task<Ok<ClusterJson>> GetCluster(OpsService ops, HttpContext http) =>
        TypedResults.Ok(new ClusterJson([.. (await ops.SilosAsync(http.CurrentUser())).Select(s => new SiloJson(s.Address, s.Status))]));
}
