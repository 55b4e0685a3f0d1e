using System.Data.Common;
using Liandong.Silo.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liandong.Storage.Tests;

/// <summary>A fresh, empty database of one provider for one test, removed afterwards.</summary>
public abstract class StorageBackend : IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    /// <summary>The <c>Storage</c> settings a silo needs to use this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The database as the silo resolves it from <see cref="Settings"/>.</summary>
    public StorageDatabase Database => StorageDatabase.From(Bind(Settings), Directory.GetCurrentDirectory());

    public abstract DbConnection CreateConnection();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<IReadOnlyList<string>> StringsAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public abstract ValueTask DisposeAsync();

    private static StorageOptions Bind(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
}

/// <summary>A SQLite file in a temporary directory that does not exist yet: the silo creates both.</summary>
public sealed class SqliteBackend : StorageBackend
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "liandong-storage-tests", Guid.NewGuid().ToString("N"));

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public string FilePath => Path.Combine(_directory, "data", "liandong.db");

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:Sqlite:Path"] = FilePath,
    };

    public override DbConnection CreateConnection() => new SqliteConnection(Database.ConnectionString);

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A new database on the PostgreSQL server named by <c>LIANDONG_TEST_POSTGRES</c>, which the test
/// command sets (scripts/postgres.sh prints it). Without it the PostgreSQL tests fail: they are never
/// skipped, so a missing server cannot pass for a green run.
/// </summary>
public sealed class PostgresBackend : StorageBackend
{
    public const string EnvironmentVariable = "LIANDONG_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _connectionString;
    private readonly string _databaseName;

    private PostgresBackend(string serverConnectionString, string databaseName)
    {
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
        _connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public string ConnectionString => _connectionString;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:Postgres:ConnectionString"] = _connectionString,
    };

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL storage tests cannot run. Start a throwaway server "
                + $"and pass its connection string: export {EnvironmentVariable}=\"$(scripts/postgres.sh start /tmp/liandong-pg 55432)\"");

    public static async Task<PostgresBackend> CreateAsync()
    {
        var server = ServerConnectionString;
        var name = $"liandong_t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresBackend(server, name);
    }

    public override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    public override async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
