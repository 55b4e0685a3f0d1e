using System.Net;
using System.Net.Sockets;
using Liandong.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liandong.Bench;

/// <summary>
/// A Liandong silo started in this process exactly as the Silo program wires it (<see cref="SiloHostExtensions.AddLiandongSilo"/>,
/// demo off), and the grain factory the benchmark calls: by default an Orleans cluster client connected to the
/// silo's gateway over loopback, as the front tier connects.
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly IHost _silo;
    private readonly IHost? _client;

    private SiloUnderTest(IHost silo, IHost? client, string serviceId)
    {
        ServiceId = serviceId;
        _silo = silo;
        _client = client;
        SiloGrains = silo.Services.GetRequiredService<IGrainFactory>();
        Grains = client?.Services.GetRequiredService<IClusterClient>() ?? SiloGrains;
    }

    /// <summary>The service id the silo stores its grains under (a later silo on the same database needs it).</summary>
    public string ServiceId { get; }

    /// <summary>The grain factory the benchmark calls through (a cluster client unless --in-silo).</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The silo's own grain factory: calls that skip the gateway and the wire, for comparison.</summary>
    public IGrainFactory SiloGrains { get; }

    public static async Task<SiloUnderTest> StartAsync(string directory, IReadOnlyDictionary<string, string?> storage, bool inSilo)
    {
        var serviceId = $"bench-{Guid.NewGuid():N}"[..20];
        var gatewayPort = FreePort();
        var settings = new Dictionary<string, string?>(storage)
        {
            ["Demo:Load"] = "false",
            ["Cluster:Provider"] = "Localhost",
            ["Cluster:ClusterId"] = serviceId,
            ["Cluster:ServiceId"] = serviceId,
            ["Cluster:SiloPort"] = FreePort().ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        Quiet(builder.Logging);
        builder.AddLiandongSilo();
        var silo = builder.Build();
        await silo.StartAsync();

        IHost? client = null;
        if (!inSilo)
        {
            var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, Args = [] });
            Quiet(clientBuilder.Logging);
            clientBuilder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId, serviceId));
            client = clientBuilder.Build();
            await client.StartAsync();
        }

        return new SiloUnderTest(silo, client, serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await _silo.StopAsync();
        _silo.Dispose();
    }

    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(LogLevel.Warning);

        // Orleans warns of every turn that blocks its thread for over a second; under SQLite's lock that is
        // the measured behaviour, not news, and it would drown the benchmark's own output.
        logging.AddFilter("Orleans.Runtime.Scheduler", LogLevel.Error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
