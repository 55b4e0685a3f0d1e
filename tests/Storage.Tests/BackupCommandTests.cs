using Liandong.Silo.Operations;
using Microsoft.Data.Sqlite;

namespace Liandong.Storage.Tests;

/// <summary>
/// `Liandong.Silo backup FILE` (docs/operations.md "Backup and restore"): a consistent copy of the SQLite database
/// taken beside a running silo — every committed write, nothing of a transaction still open, and one file.
/// </summary>
public sealed class BackupCommandTests : IAsyncLifetime
{
    private readonly SqliteBackend _backend = new();
    private readonly string _target = Path.Combine(Path.GetTempPath(), "liandong-backup-tests", Guid.NewGuid().ToString("N"), "copy.db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _backend.DisposeAsync();
        if (Directory.Exists(Path.GetDirectoryName(_target)))
        {
            Directory.Delete(Path.GetDirectoryName(_target)!, recursive: true);
        }
    }

    [Fact]
    public async Task TheCopyHoldsEveryCommittedWriteAndNothingOfAnOpenTransaction()
    {
        await using (var silo = await TestSilo.StartAsync(_backend))
        {
            await silo.Grains.GetGrain<IAlphaGrain>("440803").WriteAsync("committed before the backup");

            // A writer in the middle of a transaction while the backup runs (the silo's grain writes are such transactions).
            await using var writer = new SqliteConnection(_backend.Database.ConnectionString);
            await writer.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using (var insert = writer.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, PayloadBinary, ModifiedOn, Version)
                    VALUES (1, 2, 'x', 'uncommitted', 0, 0, x'00', CURRENT_TIMESTAMP, 1)
                    """;
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var result = BackupCommand.Run(_backend.Database.ConnectionString, _target);

            Assert.True(result.GrainStates >= 1);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(File.Exists(_target + "-wal"), "the backup is one file");
        Assert.False(File.Exists(_target + ".partial"));
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode;"));
        Assert.Equal("1", await ScalarAsync(copy, "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'alpha'"));
        Assert.Equal("0", await ScalarAsync(copy, "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'uncommitted'"));
        Assert.NotEqual("0", await ScalarAsync(copy, "SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Fact]
    public void TheDatabaseItselfIsRefusedAsTheBackupFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_backend.FilePath)!);
        using (var create = new SqliteConnection(_backend.Database.ConnectionString))
        {
            create.Open();
        }

        var error = Assert.Throws<InvalidOperationException>(() => BackupCommand.Run(_backend.Database.ConnectionString, _backend.FilePath));
        Assert.Contains("must not be the database itself", error.Message);
    }

    [Fact]
    public void AMissingDatabaseIsReportedNotCreated()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BackupCommand.Run(_backend.Database.ConnectionString, _target));
        Assert.Contains("there is no database", error.Message);
        Assert.False(File.Exists(_backend.FilePath));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
