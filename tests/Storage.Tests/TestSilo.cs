using Liandong.Silo.Storage;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Liandong.Storage.Tests;

/// <summary>
/// One in-process silo configured only through <see cref="StorageSiloBuilderExtensions.AddLiandongStorage"/>
/// and in-memory settings. Starting another over the same database is a silo restart: same service,
/// same rows.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string ServiceId = "liandong-storage-tests";

    private TestSilo(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The services of the (first) silo, e.g. its grain storage.</summary>
    public IServiceProvider Services => Cluster.GetSiloServiceProvider();

    public static async Task<TestSilo> StartAsync(
        StorageBackend backend,
        IReadOnlyDictionary<string, string?>? moreSettings = null,
        Action<InProcessTestClusterBuilder>? configure = null,
        short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;

        var settings = new Dictionary<string, string?>(backend.Settings)
        {
            ["Cluster:ServiceId"] = ServiceId,
            ["Cluster:ClusterId"] = builder.Options.ClusterId,
        };
        foreach (var (key, value) in moreSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.UseOrleans(silo =>
            {
                silo.AddLiandongStorage(host.Configuration);
                // Lets a reminder test see ticks within seconds instead of minutes.
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            });
        });
        configure?.Invoke(builder);

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new TestSilo(cluster);
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
