using Liandong.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Liandong.Storage.Tests;

/// <summary>What a silo does with its <c>Storage</c> and <c>Cluster</c> settings before it touches a database.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task PostgresWithoutAConnectionStringFailsStartNamingTheSetting()
    {
        var error = await StartFailureAsync(new() { ["Storage:Provider"] = "Postgres" });

        Assert.Contains("Storage:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadablePostgresConnectionStringFailsStartNamingTheSetting()
    {
        var error = await StartFailureAsync(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = "this is not a connection string",
        });

        Assert.Contains("Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public async Task PostgresWritersOutOfRangeFailStartNamingTheSetting(string writers)
    {
        var error = await StartFailureAsync(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = "Host=127.0.0.1;Username=liandong;Database=liandong",
            ["Storage:Postgres:Writers"] = writers,
        });

        Assert.Contains("Storage:Postgres:Writers must be between 1 and 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoNetClusteringOverSqliteIsRefusedAtStart()
    {
        var error = await StartFailureAsync(new()
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), $"liandong-refused-{Guid.NewGuid():N}.db"),
            ["Cluster:Provider"] = "AdoNet",
        });

        Assert.Contains("Cluster:Provider AdoNet needs Storage:Provider Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteIsTheDefaultWithARelativeFileUnderTheContentRoot()
    {
        var database = StorageDatabase.From(new StorageOptions(), "/srv/liandong");

        var connection = new SqliteConnectionStringBuilder(database.ConnectionString);
        Assert.Equal(StorageProvider.Sqlite, database.Provider);
        Assert.Equal("System.Data.SQLite", database.Invariant);
        Assert.Equal("/srv/liandong/data/liandong.db", connection.DataSource);
        Assert.Equal(StorageDatabase.SqliteBusyTimeoutSeconds, connection.DefaultTimeout);
    }

    [Fact]
    public void ClusterDefaultsAreOneLocalSilo()
    {
        var options = new LiandongClusterOptions();

        Assert.Equal(
            (ClusterProvider.Localhost, "liandong", "liandong", 11111, 30000, (string?)null),
            (options.Provider, options.ClusterId, options.ServiceId, options.SiloPort, options.GatewayPort, options.AdvertisedAddress));
    }

    [Fact]
    public void EveryEmbeddedScriptIsOneTheInstallerRuns()
    {
        var run = new[] { StorageProvider.Sqlite, StorageProvider.Postgres }
            .SelectMany(p => SchemaInstaller.ScriptsFor(p).Select(s => $"Liandong.Silo.Storage.Sql.{p}.{s}.sql"));

        Assert.Equal(run.Order(StringComparer.Ordinal), SchemaInstaller.EmbeddedScriptNames().Order(StringComparer.Ordinal));
    }

    private static async Task<OptionsValidationException> StartFailureAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddLiandongStorage(builder.Configuration));
        using var host = builder.Build();

        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }
}
