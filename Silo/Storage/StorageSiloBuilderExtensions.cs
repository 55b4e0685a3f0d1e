using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Liandong.Silo.Storage;

/// <summary>Storage, reminders and clustering of a Liandong silo.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// Applies the schema at start, then registers ADO.NET grain storage <see cref="StorageNames.Main"/>,
    /// ADO.NET reminders and clustering, from configuration sections <c>Storage</c> and <c>Cluster</c>.
    /// </summary>
    /// <remarks>
    /// <paramref name="configuration"/> decides which clustering the silo gets and its ports and ids;
    /// the options are also bound from the host's configuration and validated when the host starts, so
    /// a wrong setting stops the silo with a message that names it.
    /// Grain state is stored with Orleans' own version-tolerant serializer (see the comment at
    /// <c>AddAdoNetGrainStorage</c>), so stored records evolve by their [Id] numbers and [Alias] names.
    /// </remarks>
    public static ISiloBuilder AddLiandongStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;

        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(
                o => o.Provider != StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(o.Sqlite.Path),
                "Storage:Sqlite:Path must name the SQLite database file (default data/liandong.db).")
            .Validate(
                o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.Postgres.ConnectionString),
                "Storage:Postgres:ConnectionString is required when Storage:Provider is Postgres "
                + "(for example Host=db;Username=liandong;Password=...;Database=liandong).")
            .Validate(
                o => o.Provider != StorageProvider.Postgres || string.IsNullOrWhiteSpace(o.Postgres.ConnectionString)
                    || IsPostgresConnectionString(o.Postgres.ConnectionString),
                "Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string: it needs at least Host "
                + "(for example Host=db;Username=liandong;Password=...;Database=liandong).")
            .Validate(
                o => o.Postgres.Writers is >= 1 and <= 64,
                "Storage:Postgres:Writers must be between 1 and 64 (group-commit transactions in flight at once; default 4).")
            .ValidateOnStart();

        services.AddOptions<LiandongClusterOptions>()
            .BindConfiguration(LiandongClusterOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId), "Cluster:ClusterId must not be empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ServiceId), "Cluster:ServiceId must not be empty.")
            .Validate(o => o.SiloPort is > 0 and <= IPEndPoint.MaxPort, "Cluster:SiloPort must be a TCP port (1-65535).")
            .Validate(o => o.GatewayPort is >= 0 and <= IPEndPoint.MaxPort, "Cluster:GatewayPort must be a TCP port (1-65535), or 0 for no gateway.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.AdvertisedAddress) || IPAddress.TryParse(o.AdvertisedAddress, out _),
                "Cluster:AdvertisedAddress must be an IP address, such as 10.0.0.5.")
            .Validate<IOptions<StorageOptions>>(
                (o, storage) => o.Provider != ClusterProvider.AdoNet || storage.Value.Provider == StorageProvider.Postgres,
                "Cluster:Provider AdoNet needs Storage:Provider Postgres: silos share membership through PostgreSQL, "
                + "and a SQLite file cannot be shared between machines. Use Cluster:Provider Localhost with SQLite.")
            .Validate(o => !o.Kubernetes || o.Provider == ClusterProvider.AdoNet,
                "Cluster:Kubernetes needs Cluster:Provider AdoNet: Kubernetes hosting does not replace the membership table.")
            .ValidateOnStart();

        services.AddSingleton(sp => StorageDatabase.From(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory()));
        services.AddSingleton<SchemaInstaller>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SchemaInstaller>());

        // Not Orleans 10's default grain-storage serializer: that is JSON (JsonGrainStorageSerializer,
        // Newtonsoft.Json), which ignores [Id] and [Alias], so renaming a stored property or type would
        // orphan its data. The records are written for Orleans' serializer, which keys fields by [Id]
        // and types by [Alias] and tolerates added fields, the same one the grain tests use.
        silo.AddAdoNetGrainStorage(Main, storage => storage.Configure<StorageDatabase, Serializer>((o, db, serializer) =>
        {
            o.Invariant = db.Invariant;
            o.ConnectionString = db.ConnectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        GroupCommitGrainStorage.Decorate(services, Main);

        silo.UseAdoNetReminderService(reminders => reminders.Configure<StorageDatabase>((o, db) =>
        {
            o.Invariant = db.Invariant;
            o.ConnectionString = db.ConnectionString;
        }));

        var cluster = configuration.GetSection(LiandongClusterOptions.SectionName).Get<LiandongClusterOptions>() ?? new();
        switch (cluster.Provider)
        {
            case ClusterProvider.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;

            case ClusterProvider.AdoNet:
                // With SQLite storage this is refused when the host starts (see the validation above).
                silo.UseAdoNetClustering(membership => membership.Configure<StorageDatabase>((o, db) =>
                {
                    o.Invariant = db.Invariant;
                    o.ConnectionString = db.ConnectionString;
                }));
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = cluster.SiloPort;
                    o.GatewayPort = cluster.GatewayPort;
                    if (IPAddress.TryParse(cluster.AdvertisedAddress, out var address))
                    {
                        o.AdvertisedIPAddress = address;
                    }
                });
                if (cluster.Kubernetes)
                {
                    // After the settings above: ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID and the pod's IP, when set, win.
                    silo.UseKubernetesHosting();
                }

                break;

            default:
                throw new InvalidOperationException($"Cluster:Provider '{cluster.Provider}' is not supported; use Localhost or AdoNet.");
        }

        return silo;
    }

    private const string Main = StorageNames.Main;

    private static bool IsPostgresConnectionString(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
