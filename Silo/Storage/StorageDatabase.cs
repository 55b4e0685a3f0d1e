using Microsoft.Data.Sqlite;

namespace Liandong.Silo.Storage;

/// <summary>The database the silo's Orleans providers and the <see cref="SchemaInstaller"/> talk to.</summary>
/// <param name="Provider">Which kind of database it is.</param>
/// <param name="Invariant">The ADO.NET invariant name the Orleans providers load their driver by.</param>
/// <param name="ConnectionString">The connection string handed to that driver.</param>
public sealed record StorageDatabase(StorageProvider Provider, string Invariant, string ConnectionString)
{
    /// <summary>
    /// Orleans' invariant for SQLite. Orleans 10 loads Microsoft.Data.Sqlite's <c>SqliteFactory</c>
    /// for it by assembly name, so no <c>DbProviderFactories</c> registration is needed.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>Orleans' invariant for PostgreSQL through Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// How long a SQLite command waits for the write lock before it fails with "database is locked".
    /// SQLite lets one writer in at a time; Microsoft.Data.Sqlite retries a busy statement until this
    /// runs out, so a burst of grain writes queues instead of failing.
    /// </summary>
    public const int SqliteBusyTimeoutSeconds = 60;

    /// <summary>Resolves the configured database; a relative SQLite path is taken from <paramref name="contentRoot"/>.</summary>
    public static StorageDatabase From(StorageOptions options, string contentRoot) => options.Provider switch
    {
        StorageProvider.Sqlite => new(
            StorageProvider.Sqlite,
            SqliteInvariant,
            new SqliteConnectionStringBuilder
            {
                DataSource = Path.GetFullPath(options.Sqlite.Path, contentRoot),
                Mode = SqliteOpenMode.ReadWriteCreate,
                DefaultTimeout = SqliteBusyTimeoutSeconds,
                Pooling = true,
            }.ToString()),
        StorageProvider.Postgres => new(
            StorageProvider.Postgres,
            PostgresInvariant,
            options.Postgres.ConnectionString
                ?? throw new InvalidOperationException("Storage:Postgres:ConnectionString is required when Storage:Provider is Postgres.")),
        _ => throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not supported; use Sqlite or Postgres."),
    };
}
