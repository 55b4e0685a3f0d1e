using System.Net;
using System.Net.Sockets;
using Liandong.Silo.Storage;

namespace Liandong.Storage.Tests;

/// <summary>
/// Silos that find each other through the PostgreSQL membership table, and a client that finds them
/// through its gateway list: real silo hosts on loopback ports, configured only by settings.
/// </summary>
public sealed class PostgresClusteringTests : IAsyncLifetime
{
    private PostgresBackend? _backend;

    private PostgresBackend Backend => _backend ?? throw new InvalidOperationException("The test database was not created.");

    public async ValueTask InitializeAsync() => _backend = await PostgresBackend.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoSilosFormAClusterThatAClientReachesThroughTheGatewayList()
    {
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        using var first = await StartSiloAsync(clusterId);
        using var second = await StartSiloAsync(clusterId);
        using var client = await StartClientAsync(clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        await grains.GetGrain<IAlphaGrain>("440800").WriteAsync("through the gateway list");
        var note = await grains.GetGrain<IAlphaGrain>("440800").ReadAsync();

        Assert.Equal("through the gateway list", note.Text);
        Assert.Equal(2, await ActiveSilosAsync(clusterId));
        await second.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await ActiveSilosAsync(clusterId));
        await first.StopAsync(TestContext.Current.CancellationToken);
        await client.StopAsync(TestContext.Current.CancellationToken);
    }

    private Task<long> ActiveSilosAsync(string clusterId) => Backend.ScalarAsync(
        $"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{clusterId}' AND Status = 3");

    private async Task<IHost> StartSiloAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Backend.Settings)
        {
            ["Cluster:Provider"] = "AdoNet",
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:ServiceId"] = TestSilo.ServiceId,
            ["Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        });
        builder.UseOrleans(silo => silo.AddLiandongStorage(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private async Task<IHost> StartClientAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // What the front tier configures (see Silo/Storage/README.md).
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = StorageDatabase.PostgresInvariant;
                o.ConnectionString = Backend.ConnectionString;
            })
            .Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = TestSilo.ServiceId;
            }));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
