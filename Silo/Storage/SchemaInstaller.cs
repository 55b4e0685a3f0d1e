using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Runtime;

namespace Liandong.Silo.Storage;

/// <summary>
/// Applies Liandong's SQL scripts (embedded under <c>Storage/Sql/{Provider}</c>) to the storage
/// database when a silo starts, before any Orleans provider reads it. Every script is idempotent, and
/// installers running at the same time, from silos starting together, apply them one after another.
/// </summary>
public sealed class SchemaInstaller(StorageDatabase database, ILogger<SchemaInstaller> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The scripts of each provider, in the order they run: <c>Main</c> creates the query table the others fill.</summary>
    public static IReadOnlyList<string> ScriptsFor(StorageProvider provider) => provider switch
    {
        // Clustering is PostgreSQL only: a SQLite file cannot be shared by silos on several machines.
        StorageProvider.Sqlite => ["Main", "Persistence", "Reminders"],
        StorageProvider.Postgres => ["Main", "Persistence", "Reminders", "Clustering"],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    // Any constant works as long as every silo uses the same one: "Liandong" in ASCII.
    private const long PostgresSchemaLockKey = 0x4C69616E646F6E67;

    public void Participate(ISiloLifecycle lifecycle) =>
        // First of all: the membership table, reminders and grain storage all read OrleansQuery when they start.
        lifecycle.Subscribe(nameof(SchemaInstaller), ServiceLifecycleStage.First, ApplyAsync);

    /// <summary>Creates what is missing and refreshes the provider queries; safe to call any number of times, concurrently.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var scripts = ScriptsFor(database.Provider);
        switch (database.Provider)
        {
            case StorageProvider.Sqlite:
                await ApplySqliteAsync(scripts, cancellationToken);
                break;
            case StorageProvider.Postgres:
                await ApplyPostgresAsync(scripts, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"No schema scripts for storage provider {database.Provider}.");
        }

        logger.LogInformation(
            "Applied {Provider} storage schema ({Scripts}) in {ElapsedMs} ms",
            database.Provider, string.Join(", ", scripts), stopwatch.ElapsedMilliseconds);
    }

    private async Task ApplySqliteAsync(IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers go on while one grain writes, and the mode is stored in the file, so the
        // providers' own connections get it too. It cannot change inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // BEGIN IMMEDIATE takes the write lock up front: a second installer waits here (within the
        // busy timeout) instead of failing half-way through.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var script in scripts)
        {
            await ExecuteAsync(connection, transaction, ReadScript(StorageProvider.Sqlite, script), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyPostgresAsync(IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // CREATE ... IF NOT EXISTS is not safe against a concurrent CREATE of the same object: the
        // loser fails on a duplicate catalog entry. The lock makes silos starting together take turns;
        // it is released when the transaction ends.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", PostgresSchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var script in scripts)
        {
            await ExecuteAsync(connection, transaction, ReadScript(StorageProvider.Postgres, script), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The text is one of our own embedded scripts, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The text of one embedded script, e.g. <c>Sql/Postgres/Main.sql</c>.</summary>
    public static string ReadScript(StorageProvider provider, string script)
    {
        var name = $"{ResourcePrefix}{provider}.{script}.sql";
        using var stream = typeof(SchemaInstaller).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded schema script {name} is missing from the silo assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Manifest names of every embedded script, so a test can check none is left out of <see cref="ScriptsFor"/>.</summary>
    public static IEnumerable<string> EmbeddedScriptNames() =>
        typeof(SchemaInstaller).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    internal const string ResourcePrefix = "Liandong.Silo.Storage.Sql.";
}
