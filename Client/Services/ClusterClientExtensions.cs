using Orleans.Configuration;

namespace Liandong.Client.Services;

/// <summary>How the front tier finds the silos: the same settings the silo reads.</summary>
public static class ClusterClientExtensions
{
    public static IHostApplicationBuilder AddLiandongClusterClient(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection("Cluster");
        var provider = cluster["Provider"] ?? "Localhost";
        var clusterId = cluster["ClusterId"] ?? "liandong";
        var serviceId = cluster["ServiceId"] ?? "liandong";
        var gatewayPort = cluster.GetValue("GatewayPort", 30000);

        builder.UseOrleansClient(client =>
        {
            if (string.Equals(provider, "AdoNet", StringComparison.OrdinalIgnoreCase))
            {
                var connectionString = builder.Configuration["Storage:Postgres:ConnectionString"];
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Cluster:Provider=AdoNet needs Storage:Postgres:ConnectionString to find the gateways.");
                }

                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = serviceId;
                });
            }
            else if (string.Equals(provider, "Localhost", StringComparison.OrdinalIgnoreCase))
            {
                client.UseLocalhostClustering(gatewayPort, serviceId, clusterId);
            }
            else
            {
                throw new InvalidOperationException($"Cluster:Provider must be Localhost or AdoNet, not '{provider}'.");
            }

            // The front tier may start before the silo: keep trying rather than failing start-up.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
