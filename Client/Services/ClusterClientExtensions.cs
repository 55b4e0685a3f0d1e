using Liandong.ServiceDefaults;
using Orleans.Configuration;
using Orleans.Dashboard;

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
        var availability = cluster.Get<ClusterAvailabilityOptions>() ?? new();
        builder.Services.AddSingleton(availability);

        // Open the HTTP port while the Orleans client is still looking for a gateway, instead of after:
        // /health/live answers, /health/ready and the API answer 503 until the cluster is reached.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<ClusterConnection>();

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

            // A grain call that gets no answer fails after this instead of holding the HTTP request for
            // Orleans' default 30 s; the API then answers 503 with Retry-After (ClusterUnavailableHandler).
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = availability.ResponseTimeout);
            client.AddOutgoingGrainCallFilter<RejectedCallRetryFilter>();

            // How often the gateway list is re-read from the membership table (AdoNet); unset keeps Orleans' default.
            client.Configure<GatewayOptions>(cluster.GetSection("Gateway"));

            // HTTP request → grain call → grain call … stays one trace.
            client.AddActivityPropagation();

            // The dashboard's front-tier half; the silos run the other (Silo/Hosting/SiloHostExtensions.cs).
            client.AddDashboard();

            client.Services.AddSingleton<ILifecycleParticipant<IClusterClientLifecycle>>(sp => sp.GetRequiredService<ClusterConnection>());

            // The front tier may start before the silo: keep trying rather than failing start-up.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });

        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The Orleans Dashboard at /dashboard. It shows every grain's state and the silos' logs, so it must not
    /// stay open: add the operators' policy to the group this returns once sign-in exists, e.g.
    /// <c>app.MapLiandongDashboard().RequireAuthorization("ops");</c>
    /// </summary>
    public static RouteGroupBuilder MapLiandongDashboard(this IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(routePrefix: "/dashboard");
}

/// <summary>Configuration section <c>Cluster</c>, the front tier's part: how long to wait for the cluster.</summary>
public sealed class ClusterAvailabilityOptions
{
    /// <summary>The longest a grain call may take before the API gives up with 503 (default 10 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After a 503 carries (default 5 s).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the readiness probe waits for its grain call (default 2 s).</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
