using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liandong.Bench;

/// <summary>One child's sum in a GROUP BY answer: the child's code, the amount in cents, the number of reports.</summary>
public readonly record struct GroupSum(string Code, long Cents, long Reports);

/// <summary>
/// The plain-SQL baseline: one row per (project, year, month) in <c>bench_report</c>, in the same database
/// as the silo's grain state. A report is one upsert in its own transaction; an overview is a GROUP BY.
/// </summary>
public abstract class Baseline : IAsyncDisposable
{
    protected const string Upsert = """
        INSERT INTO bench_report (project, city, county, town, year, month, amount, submitted_by, submitted_at)
        VALUES (@project, @city, @county, @town, @year, @month, @amount, @by, @at)
        ON CONFLICT (project, year, month) DO UPDATE
            SET amount = excluded.amount, submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at
        """;

    /// <summary>Creates the table and the indexes a competent schema would have for these GROUP BYs.</summary>
    public abstract Task CreateAsync();

    /// <summary>Writes one report in its own transaction; returns once it is committed.</summary>
    public abstract Task WriteAsync(BenchProject project, ReportJob job);

    /// <summary>Sums of reports from months 1..<paramref name="month"/> of <paramref name="year"/>, grouped by
    /// <paramref name="child"/> (city, county or town), within <paramref name="parent"/> = <paramref name="parentCode"/> if given.</summary>
    public async Task<List<GroupSum>> GroupByAsync(string child, string? parent, string? parentCode, int year, int month)
    {
        await using var connection = await OpenForReadingAsync();
        await using var command = connection.CreateCommand();
        var where = parent is null ? "" : $"{parent} = @parent AND ";
#pragma warning disable CA2100 // Column names are ours (city/county/town), values are parameters.
        command.CommandText = $"SELECT {child}, SUM(amount), COUNT(*) FROM bench_report WHERE {where}year = @year AND month <= @month GROUP BY {child}";
#pragma warning restore CA2100
        if (parentCode is not null)
        {
            Add(command, "parent", parentCode);
        }

        Add(command, "year", year);
        Add(command, "month", month);
        var result = new List<GroupSum>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new GroupSum(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return result;
    }

    /// <summary>Refreshes the planner's statistics, so that the GROUP BYs are planned for the table's real size.</summary>
    public async Task AnalyzeAsync()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "ANALYZE bench_report;");
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenAsync();

    /// <summary>The connection the GROUP BYs run on; by default the one the writes use.</summary>
    protected virtual Task<DbConnection> OpenForReadingAsync() => OpenAsync();

    protected static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    protected static void Bind(DbCommand command, BenchProject project, ReportJob job)
    {
        Add(command, "project", project.Code);
        Add(command, "city", project.City);
        Add(command, "county", project.County);
        Add(command, "town", project.Town);
        Add(command, "year", job.Year);
        Add(command, "month", job.Month);
        Add(command, "amount", job.AmountCents);
        Add(command, "by", "bench");
        Add(command, "at", DateTimeOffset.UtcNow);
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Our own DDL.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// SQLite, with the silo's own connection string. SQLite has one writer at a time and Microsoft.Data.Sqlite
/// answers a busy database by sleeping 150 ms, so the baseline lets its writers take turns through an async
/// lock, as a competent SQLite application would; readers are not held back (WAL).
/// </summary>
public sealed class SqliteBaseline(string connectionString) : Baseline
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public override async Task CreateAsync()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS bench_report (
                project TEXT NOT NULL, city TEXT NOT NULL, county TEXT NOT NULL, town TEXT NOT NULL,
                year INTEGER NOT NULL, month INTEGER NOT NULL, amount INTEGER NOT NULL,
                submitted_by TEXT NOT NULL, submitted_at TEXT NOT NULL,
                PRIMARY KEY (project, year, month));
            CREATE INDEX IF NOT EXISTS ix_bench_report_city ON bench_report (city, year, month, county, amount);
            CREATE INDEX IF NOT EXISTS ix_bench_report_county ON bench_report (county, year, month, town, amount);
            DELETE FROM bench_report;
            """);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Console.WriteLine($"[sqlite] PRAGMA synchronous = {await command.ExecuteScalarAsync()} (0 off, 1 normal, 2 full, 3 extra)");
    }

    public override async Task WriteAsync(BenchProject project, ReportJob job)
    {
        await _writer.WaitAsync();
        try
        {
            await using var connection = (SqliteConnection)await OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Upsert;
            Bind(command, project, job);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    public override ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>PostgreSQL through one Npgsql data source; every report is its own transaction on a pooled connection.</summary>
public sealed class PostgresBaseline(string connectionString, int concurrency) : Baseline
{
    private readonly NpgsqlDataSource _source = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = concurrency + 4 }.ConnectionString).Build();

    // The GROUP BYs run unprepared: a prepared statement may get PostgreSQL's generic plan, and the baseline's
    // reads should be at their best (the silo's auto-prepare setting is for its own repeated writes).
    private readonly NpgsqlDataSource _reads = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0 }.ConnectionString).Build();

    public override async Task CreateAsync()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS bench_report (
                project text NOT NULL, city text NOT NULL, county text NOT NULL, town text NOT NULL,
                year integer NOT NULL, month integer NOT NULL, amount bigint NOT NULL,
                submitted_by text NOT NULL, submitted_at timestamptz NOT NULL,
                PRIMARY KEY (project, year, month));
            CREATE INDEX IF NOT EXISTS ix_bench_report_city ON bench_report (city, year, month, county, amount);
            CREATE INDEX IF NOT EXISTS ix_bench_report_county ON bench_report (county, year, month, town, amount);
            TRUNCATE bench_report;
            """);
    }

    public override async Task WriteAsync(BenchProject project, ReportJob job)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(Upsert, connection, transaction);
        Bind(command, project, job);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _source.DisposeAsync();
    }

    protected override async Task<DbConnection> OpenAsync() => await _source.OpenConnectionAsync();

    protected override async Task<DbConnection> OpenForReadingAsync() => await _reads.OpenConnectionAsync();
}
