using System.Diagnostics;
using Liandong.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Liandong.Silo.Operations;

/// <summary>
/// <c>Liandong.Silo backup FILE</c>: an online backup of the silo's SQLite database, taken by a process of its
/// own while the silo runs and reports keep arriving (docs/operations.md "Backup and restore").
/// </summary>
/// <remarks>
/// It reads the same configuration as the silo (appsettings.json, environment) to find the database, opens it
/// without creating it, and copies it with SQLite's online backup API in one step. The database is in WAL mode, so that
/// copy reads one snapshot: every transaction committed before it started, and nothing of one committed later,
/// while the silo goes on writing (a WAL reader neither blocks the writer nor sees its later commits). It never
/// takes the write lock, so the silo's writes do not wait for it. A grain write is acknowledged only after its
/// commit, so every report acknowledged before the backup began is in the copy. The copy is written to a
/// temporary file beside FILE, checked (<c>PRAGMA integrity_check</c>), switched out of WAL into a single file,
/// and only then renamed to FILE, so FILE is never a half-written backup.
/// </remarks>
public static class BackupCommand
{
    public const string Name = "backup";

    /// <summary>Runs the command when <paramref name="args"/> asks for it; returns null when it does not.</summary>
    public static int? TryRun(string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return null;
        }

        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]) || args[1].StartsWith('-'))
        {
            Console.Error.WriteLine("usage: Liandong.Silo backup FILE   (an online backup of the SQLite database named by Storage:Sqlite:Path)");
            return 2;
        }

        // The silo's own configuration sources and content root, so the backup finds the file the silo uses.
        var builder = WebApplication.CreateBuilder(args[2..]);
        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (options.Provider != StorageProvider.Sqlite)
        {
            Console.Error.WriteLine("backup: Storage:Provider is not Sqlite; back up PostgreSQL with pg_dump (docs/operations.md \"Backup and restore\").");
            return 2;
        }

        var database = StorageDatabase.From(options, builder.Environment.ContentRootPath);
        var target = Path.GetFullPath(args[1]);
        try
        {
            var result = Run(database.ConnectionString, target);
            Console.WriteLine($"backup: {result.Source} -> {target}: {result.GrainStates} grain states, {result.Bytes:N0} bytes, {result.Elapsed.TotalMilliseconds:0} ms");
            return 0;
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"backup: failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>What one backup copied.</summary>
    public sealed record Result(string Source, long GrainStates, long Bytes, TimeSpan Elapsed);

    /// <summary>Copies the database behind <paramref name="connectionString"/> to <paramref name="target"/>.</summary>
    public static Result Run(string connectionString, string target)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
        {
            throw new InvalidOperationException($"there is no database at {source.DataSource} (Storage:Sqlite:Path).");
        }

        if (Path.GetFullPath(source.DataSource) == target)
        {
            throw new InvalidOperationException("the backup file must not be the database itself.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        DeleteDatabaseFiles(partial);
        var clock = Stopwatch.StartNew();

        // Unpooled, and opened for reading and writing but only read: a read-only connection to a WAL database
        // cannot open when the silo is stopped and has removed its -shm file. Nothing is created.
        source.Mode = SqliteOpenMode.ReadWrite;
        source.Pooling = false;
        using (var from = new SqliteConnection(source.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();

            // One sqlite3_backup_step(-1): all pages under one read transaction, so one consistent snapshot.
            from.BackupDatabase(to);

            // The copy carries the WAL mode in its header; a backup file is easier to move as one file.
            Scalar(to, "PRAGMA journal_mode = DELETE;");
            var check = Scalar(to, "PRAGMA integrity_check;");
            if (check != "ok")
            {
                throw new InvalidOperationException($"the copy failed its integrity check: {check}");
            }
        }

        long states;
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            copy.Open();
            states = long.Parse(Scalar(copy, "SELECT COUNT(*) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL;"));
        }

        File.Move(partial, target, overwrite: true);
        DeleteDatabaseFiles(partial);
        return new Result(source.DataSource, states, new FileInfo(target).Length, clock.Elapsed);
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
