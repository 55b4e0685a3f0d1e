using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liandong.Silo.Storage;

/// <summary>
/// Runs a batch of grain-state statements in one transaction and returns, per write, the version the statement
/// returned (null: no row, a version conflict). Throws <see cref="CommitFailedException"/> when the commit fails,
/// anything else when a statement fails (the transaction is then rolled back).
/// </summary>
internal abstract class BatchExecutor : IDisposable
{
    private Task<Queries>? _queries;

    public Func<Task>? BeforeCommit { get; set; }

    public abstract Task<int?[]> ExecuteAsync(IReadOnlyList<PendingWrite> batch);

    /// <summary>
    /// Reads many states with the provider's own <c>ReadFromStorageKey</c>, in one round trip where the database
    /// allows: per key its payload, or null for a state never written or cleared.
    /// </summary>
    public abstract Task<byte[]?[]> ReadAsync(IReadOnlyList<StateKey> keys);

    public virtual void Dispose()
    {
    }

    /// <summary>The provider's statements, read once from <c>OrleansQuery</c> (the schema installer has written them by then).</summary>
    protected async Task<Queries> QueriesAsync(DbConnection connection)
    {
        var loading = _queries ??= LoadAsync(connection);
        try
        {
            return await loading;
        }
        catch
        {
            _queries = null;
            throw;
        }
    }

    private static async Task<Queries> LoadAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ClearStorageKey', 'DeleteStorageKey', 'ReadFromStorageKey')";
        var texts = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                texts[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new Queries(
            texts.GetValueOrDefault("WriteToStorageKey") ?? throw new InvalidOperationException("OrleansQuery has no WriteToStorageKey."),
            texts.GetValueOrDefault("ClearStorageKey") ?? throw new InvalidOperationException("OrleansQuery has no ClearStorageKey."),
            texts.GetValueOrDefault("DeleteStorageKey"),
            texts.GetValueOrDefault("ReadFromStorageKey") ?? throw new InvalidOperationException("OrleansQuery has no ReadFromStorageKey."));
    }

    protected static string TextOf(Queries queries, WriteKind kind) => kind switch
    {
        WriteKind.Write => queries.Write,
        WriteKind.Clear => queries.Clear,
        _ => queries.Delete ?? throw new InvalidOperationException("OrleansQuery has no DeleteStorageKey, which DeleteStateOnClear needs."),
    };

    /// <summary>The parameters the provider passes, by its names, typed so that a NULL is typed too.</summary>
    protected static void Bind(DbParameterCollection parameters, Func<DbParameter> create, PendingWrite write)
    {
        BindKey(parameters, create, write.Key);
        Add(parameters, create, "@GrainStateVersion", DbType.Int32, write.ExpectedVersion);
        if (write.Kind == WriteKind.Write)
        {
            Add(parameters, create, "@PayloadBinary", DbType.Binary, write.Payload);
        }
    }

    /// <summary>The parameters naming a state's row, as the provider's read passes them.</summary>
    protected static void BindKey(DbParameterCollection parameters, Func<DbParameter> create, StateKey key)
    {
        parameters.Clear();
        Add(parameters, create, "@GrainIdHash", DbType.Int32, key.GrainIdHash);
        Add(parameters, create, "@GrainIdN0", DbType.Int64, key.N0);
        Add(parameters, create, "@GrainIdN1", DbType.Int64, key.N1);
        Add(parameters, create, "@GrainTypeHash", DbType.Int32, key.GrainTypeHash);
        Add(parameters, create, "@GrainTypeString", DbType.String, key.GrainTypeString);
        Add(parameters, create, "@GrainIdExtensionString", DbType.String, key.Extension);
        Add(parameters, create, "@ServiceId", DbType.String, key.ServiceId);
    }

    private static void Add(DbParameterCollection parameters, Func<DbParameter> create, string name, DbType type, object? value)
    {
        var parameter = create();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
    }

    /// <summary>A read's payload: null for no row or a cleared state.</summary>
    protected static byte[]? PayloadOf(DbDataReader reader) => reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);

    protected static int? VersionOf(object? value) => value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    protected sealed record Queries(string Write, string Clear, string? Delete, string Read);
}

/// <summary>SQLite: one <c>BEGIN IMMEDIATE</c> transaction, the statements one after another on it, one commit.</summary>
internal sealed class SqliteBatchExecutor(string connectionString) : BatchExecutor
{
    public override async Task<int?[]> ExecuteAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var queries = await QueriesAsync(connection);
        var versions = new int?[batch.Count];
        // Not deferred: BEGIN IMMEDIATE takes the write lock at once, as the schema installer does.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var commands = new Dictionary<WriteKind, SqliteCommand>();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (!commands.TryGetValue(write.Kind, out var command))
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = TextOf(queries, write.Kind);
                    commands[write.Kind] = command;
                }

                Bind(command.Parameters, command.CreateParameter, write);
                versions[i] = VersionOf(await command.ExecuteScalarAsync());
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        try
        {
            if (BeforeCommit is { } hook)
            {
                await hook();
            }

            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            throw new CommitFailedException(error);
        }

        return versions;
    }

    /// <summary>One command, run for each key on one connection (WAL: reads do not wait for the writer).</summary>
    public override async Task<byte[]?[]> ReadAsync(IReadOnlyList<StateKey> keys)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var queries = await QueriesAsync(connection);
        var payloads = new byte[]?[keys.Count];
        await using var command = connection.CreateCommand();
        command.CommandText = queries.Read;
        for (var i = 0; i < keys.Count; i++)
        {
            BindKey(command.Parameters, command.CreateParameter, keys[i]);
            await using var reader = await command.ExecuteReaderAsync();
            payloads[i] = await reader.ReadAsync() ? PayloadOf(reader) : null;
        }

        return payloads;
    }
}

/// <summary>
/// PostgreSQL: the statements go to the server as one <see cref="NpgsqlBatch"/> in one transaction, so a batch
/// costs one round trip and one commit whatever its size.
/// </summary>
internal sealed class PostgresBatchExecutor(string connectionString, int connections) : BatchExecutor
{
    // Never more connections than writers and bulk readers can use at once: a silo restarting beside others must
    // leave the server's connections to the provider's reads (docs/benchmarks.md "Recovery").
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections }.ConnectionString);

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }

    public override async Task<int?[]> ExecuteAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var queries = await QueriesAsync(connection);
        var versions = new int?[batch.Count];
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var commands = new NpgsqlBatch(connection, transaction))
        {
            foreach (var write in batch)
            {
                var command = new NpgsqlBatchCommand(TextOf(queries, write.Kind));
                Bind(command.Parameters, () => new NpgsqlParameter(), write);
                commands.BatchCommands.Add(command);
            }

            await using var reader = await commands.ExecuteReaderAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync())
                {
                    throw new InvalidOperationException($"The grain-state batch returned {i} results for {batch.Count} statements.");
                }

                versions[i] = await reader.ReadAsync() ? VersionOf(reader.GetValue(0)) : null;
            }
        }

        try
        {
            if (BeforeCommit is { } hook)
            {
                await hook();
            }

            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            throw new CommitFailedException(error);
        }

        return versions;
    }

    /// <summary>Every read in one <see cref="NpgsqlBatch"/>: one round trip for the lot.</summary>
    public override async Task<byte[]?[]> ReadAsync(IReadOnlyList<StateKey> keys)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var queries = await QueriesAsync(connection);
        var payloads = new byte[]?[keys.Count];
        await using var commands = new NpgsqlBatch(connection);
        foreach (var key in keys)
        {
            var command = new NpgsqlBatchCommand(queries.Read);
            BindKey(command.Parameters, () => new NpgsqlParameter(), key);
            commands.BatchCommands.Add(command);
        }

        await using var reader = await commands.ExecuteReaderAsync();
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0 && !await reader.NextResultAsync())
            {
                throw new InvalidOperationException($"The grain-state read returned {i} results for {keys.Count} statements.");
            }

            payloads[i] = await reader.ReadAsync() ? PayloadOf(reader) : null;
        }

        return payloads;
    }
}
