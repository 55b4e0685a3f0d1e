using Liandong.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liandong.Client.Services;

/// <summary>Ready only while a gateway answers a grain call within <see cref="ClusterAvailabilityOptions.ReadyTimeout"/>.</summary>
internal sealed class ClusterHealthCheck(IClusterClient cluster, ClusterConnection connection, ClusterAvailabilityOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Still looking for a gateway (Cluster settings, silos up?).");
        }

        try
        {
            var silo = await cluster.GetGrain<IPingGrain>(0).PingAsync().WaitAsync(options.ReadyTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"Gateway silo {silo} answered.");
        }
        catch (Exception e) when (e is TimeoutException || ClusterUnavailableHandler.IsClusterUnavailable(e) || e is OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("No gateway answered.", e);
        }
    }
}
