using Liandong.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Liandong.Storage.Tests;

/// <summary>The storage cases, run against SQLite and PostgreSQL by the classes below.</summary>
public abstract class StorageTests : IAsyncLifetime
{
    private StorageBackend? _backend;

    protected StorageBackend Backend => _backend ?? throw new InvalidOperationException("The test database was not created.");

    protected abstract Task<StorageBackend> CreateBackendAsync();

    public async ValueTask InitializeAsync() => _backend = await CreateBackendAsync();

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task StateSurvivesASiloRestart()
    {
        await using (var silo = await TestSilo.StartAsync(Backend))
        {
            await silo.Grains.GetGrain<IAlphaGrain>("440883").WriteAsync("Wuchuan January-May report");
        }

        // The second silo also re-applies the schema, which must leave the stored state alone.
        await using (var silo = await TestSilo.StartAsync(Backend))
        {
            var note = await silo.Grains.GetGrain<IAlphaGrain>("440883").ReadAsync();

            Assert.Equal(new Note("Wuchuan January-May report", 1), note);
        }
    }

    [Fact]
    public async Task TwoGrainTypesWithOneKeyKeepSeparateRows()
    {
        await using var silo = await TestSilo.StartAsync(Backend);

        await silo.Grains.GetGrain<IAlphaGrain>("440883").WriteAsync("alpha's view of Wuchuan");
        await silo.Grains.GetGrain<IBetaGrain>("440883").WriteAsync("beta's view of Wuchuan");

        Assert.Equal("alpha's view of Wuchuan", (await silo.Grains.GetGrain<IAlphaGrain>("440883").ReadAsync()).Text);
        Assert.Equal("beta's view of Wuchuan", (await silo.Grains.GetGrain<IBetaGrain>("440883").ReadAsync()).Text);
        // The provider stores "440883" as the integer 0x440883 (see StringKeysThatReadAsTheSameHexNumberShareOneRow).
        var rows = await Backend.StringsAsync(
            "SELECT GrainTypeString FROM OrleansStorage WHERE GrainIdN1 = 4458627 ORDER BY GrainTypeString");
        Assert.Equal(["alpha", "beta"], rows);
    }

    /// <summary>
    /// Documents why every grain type needs its own state name (Orleans issue #9737): the provider keys
    /// a row by state name and grain key, not by grain class, so these two types read each other's state.
    /// </summary>
    [Fact]
    public async Task TwoGrainTypesSharingAStateNameShareOneRow()
    {
        await using var silo = await TestSilo.StartAsync(Backend);

        await silo.Grains.GetGrain<ISharingOneGrain>("440883").WriteAsync("written by the first type");
        var seenByTheOther = await silo.Grains.GetGrain<ISharingTwoGrain>("440883").ReadAsync();

        Assert.Equal("written by the first type", seenByTheOther.Text);
        Assert.Equal(1, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'shared'"));
    }

    /// <summary>
    /// Documents a trap of the Orleans 10 ADO.NET provider: it stores a string key that parses as a
    /// hexadecimal number (or a Guid) as that number, so "0abc" and "ABC" of one state name share a row.
    /// Liandong's keys are fixed-length codes, so no two of them read as the same number.
    /// </summary>
    [Fact]
    public async Task StringKeysThatReadAsTheSameHexNumberShareOneRow()
    {
        await using var silo = await TestSilo.StartAsync(Backend);

        await silo.Grains.GetGrain<IAlphaGrain>("0abc").WriteAsync("written under 0abc");
        var seenUnderAnotherKey = await silo.Grains.GetGrain<IAlphaGrain>("ABC").ReadAsync();

        Assert.Equal("written under 0abc", seenUnderAnotherKey.Text);
        Assert.Equal(1, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdN1 = 2748 AND GrainIdExtensionString IS NULL"));
    }

    [Fact]
    public async Task ManyGrainsWritingAtOnceAllSucceedAndReadBack()
    {
        const int grains = 200;
        const int writesEach = 3;
        await using var silo = await TestSilo.StartAsync(Backend);

        // Every grain's first write races every other's; each grain then writes twice more, so inserts
        // and updates overlap too. Grains are independent, so the fan-out is safe.
        await Task.WhenAll(Enumerable.Range(0, grains).Select(async i =>
        {
            var grain = silo.Grains.GetGrain<IAlphaGrain>($"concurrent-{i}");
            for (var write = 1; write <= writesEach; write++)
            {
                await grain.WriteAsync($"grain {i} write {write}");
            }
        }));

        var notes = await Task.WhenAll(Enumerable.Range(0, grains).Select(i => silo.Grains.GetGrain<IAlphaGrain>($"concurrent-{i}").ReadAsync()));
        Assert.All(notes.Select((note, i) => (note, i)), x => Assert.Equal(new Note($"grain {x.i} write {writesEach}", writesEach), x.note));
        Assert.Equal(grains, await Backend.ScalarAsync(
            $"SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'alpha' AND Version = {writesEach}"));
    }

    [Fact]
    public async Task AWriteWithAStaleETagIsRejectedAndChangesNothing()
    {
        await using var silo = await TestSilo.StartAsync(Backend);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        var grainId = GrainId.Create("etag-probe", "440883101");

        var current = new GrainState<Note>(new Note("first", 1));
        await storage.WriteStateAsync("etag", grainId, current);
        var stale = new GrainState<Note>();
        await storage.ReadStateAsync("etag", grainId, stale);
        current.State = new Note("second", 2);
        await storage.WriteStateAsync("etag", grainId, current);

        stale.State = new Note("lost update", 2);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("etag", grainId, stale));
        // A second activation that never read (no ETag) may not overwrite the row either.
        var blind = new GrainState<Note>(new Note("blind write", 1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("etag", grainId, blind));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("etag", grainId, stale));

        var stored = new GrainState<Note>();
        await storage.ReadStateAsync("etag", grainId, stored);
        Assert.Equal(new Note("second", 2), stored.State);
        Assert.Equal(current.ETag, stored.ETag);
    }

    [Fact]
    public async Task ClearedStateReadsAsNewAndCanBeWrittenAgain()
    {
        await using var silo = await TestSilo.StartAsync(Backend);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        var grainId = GrainId.Create("clear-probe", "440883");
        var state = new GrainState<Note>(new Note("to be cleared", 1));
        await storage.WriteStateAsync("clear", grainId, state);

        await storage.ClearStateAsync("clear", grainId, state);
        var afterClear = new GrainState<Note>();
        await storage.ReadStateAsync("clear", grainId, afterClear);
        afterClear.State = new Note("written after the clear", 1);
        await storage.WriteStateAsync("clear", grainId, afterClear);

        Assert.False(state.RecordExists);
        var reread = new GrainState<Note>();
        await storage.ReadStateAsync("clear", grainId, reread);
        Assert.True(reread.RecordExists);
        Assert.Equal(new Note("written after the clear", 1), reread.State);
        // Write, clear, write: the version moved on each time, so the ETag held before the clear is stale.
        Assert.Equal("3", reread.ETag);
    }

    [Fact]
    public async Task AStorageThatDeletesOnClearRemovesTheRow()
    {
        const string deleting = "delete-on-clear";
        await using var silo = await TestSilo.StartAsync(Backend, configure: builder => builder.ConfigureSilo((_, s) =>
            s.AddAdoNetGrainStorage(deleting, storage => storage.Configure<StorageDatabase, Serializer>((o, db, serializer) =>
            {
                o.Invariant = db.Invariant;
                o.ConnectionString = db.ConnectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                o.DeleteStateOnClear = true;
            }))));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(deleting);
        var grainId = GrainId.Create("delete-probe", "440883");
        var state = new GrainState<Note>(new Note("to be deleted", 1));
        await storage.WriteStateAsync("delete", grainId, state);

        await storage.ClearStateAsync("delete", grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'delete'"));
        // With the row gone, the grain starts over from a first write.
        state.State = new Note("written again", 1);
        await storage.WriteStateAsync("delete", grainId, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task AReminderSurvivesARestartAndFiresAgain()
    {
        var probe = "440883-monthly-report";
        await using (var silo = await TestSilo.StartAsync(Backend))
        {
            await silo.Grains.GetGrain<IReminderProbeGrain>(probe).RegisterAsync("report-due", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        }

        Assert.Equal(1, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'report-due'"));

        await using (var silo = await TestSilo.StartAsync(Backend))
        {
            var grain = silo.Grains.GetGrain<IReminderProbeGrain>(probe);
            Assert.Equal(["report-due"], await grain.GetReminderNamesAsync());

            // Ticks after the restart come from the reminder service reading its range of the table.
            var ticksAtStart = await grain.GetTicksAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await grain.GetTicksAsync() <= ticksAtStart && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            Assert.True(await grain.GetTicksAsync() > ticksAtStart, "The reminder did not fire after the restart.");

            await grain.UnregisterAsync("report-due");
            Assert.Empty(await grain.GetReminderNamesAsync());
        }

        Assert.Equal(0, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansRemindersTable"));
    }

    [Fact]
    public async Task TheSchemaCanBeAppliedConcurrentlyAndAgain()
    {
        var database = Backend.Database;
        var installers = Enumerable.Range(0, 8).Select(_ => new SchemaInstaller(database, NullLogger<SchemaInstaller>.Instance)).ToList();

        // Eight silos starting at once against an empty database, then one more start.
        await Task.WhenAll(installers.Select(installer => Task.Run(() => installer.ApplyAsync(TestContext.Current.CancellationToken))));
        await installers[0].ApplyAsync(TestContext.Current.CancellationToken);

        var keys = await Backend.StringsAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
        Assert.Equal(ExpectedQueryKeys(Backend.Provider).Order(StringComparer.Ordinal), keys);
    }

    /// <summary>The query keys the Orleans 10 providers look up (plus the optional DeleteStorageKey).</summary>
    public static IEnumerable<string> ExpectedQueryKeys(StorageProvider provider)
    {
        string[] persistence = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];
        string[] reminders =
        [
            "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        string[] clustering =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey",
        ];
        return provider == StorageProvider.Postgres ? [.. persistence, .. reminders, .. clustering] : [.. persistence, .. reminders];
    }
}

public sealed class SqliteStorageTests : StorageTests
{
    protected override Task<StorageBackend> CreateBackendAsync() => Task.FromResult<StorageBackend>(new SqliteBackend());

    [Fact]
    public async Task TheDatabaseFileIsCreatedInWalMode()
    {
        var backend = (SqliteBackend)Backend;

        await new SchemaInstaller(Backend.Database, NullLogger<SchemaInstaller>.Instance).ApplyAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(backend.FilePath));
        Assert.Equal(["wal"], await Backend.StringsAsync("PRAGMA journal_mode"));
    }
}

public sealed class PostgresStorageTests : StorageTests
{
    protected override async Task<StorageBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync();
}
