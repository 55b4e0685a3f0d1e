namespace Liandong.Silo.Storage;

/// <summary>Where the silo keeps grain state and reminders: configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database: <see cref="StorageProvider.Sqlite"/> (the default) or <see cref="StorageProvider.Postgres"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public PostgresStorageOptions Postgres { get; set; } = new();

    /// <summary>
    /// Commit the grain-state writes that are waiting together, in one transaction (<c>GroupCommitGrainStorage</c>).
    /// Off: on PostgreSQL every write goes through Orleans' provider in a transaction of its own; on SQLite the writes
    /// still take turns on one writer, one write per transaction.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}

/// <summary>The databases the silo can store into.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file: the embedded default for a single silo.</summary>
    Sqlite,

    /// <summary>PostgreSQL: needed for a cluster of several silos.</summary>
    Postgres,
}

/// <summary>Configuration section <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file; a relative path is taken from the host's content root. Its directory is created at start.</summary>
    public string Path { get; set; } = "data/liandong.db";
}

/// <summary>Configuration section <c>Storage:Postgres</c>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Username=liandong;Password=…;Database=liandong</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Group-commit transactions in flight at once (each on its own connection). More overlap the commits' waits for
    /// the disk; each takes fewer writes. docs/benchmarks.md "Group commit" has the measurements.
    /// </summary>
    public int Writers { get; set; } = GroupCommitGrainStorage.DefaultPostgresWriters;
}
