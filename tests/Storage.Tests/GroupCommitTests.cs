// The storage calls are short database round trips; the test host times the test out as a whole.
#pragma warning disable xUnit1051

using System.Collections.Concurrent;
using System.Data.Common;
using Liandong.Silo.Storage;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Liandong.Storage.Tests;

/// <summary>
/// Group commit of grain-state writes (<see cref="GroupCommitGrainStorage"/>): writes that wait together commit in one
/// transaction, each caller learns its own outcome, nothing is acknowledged before its commit, and the rows are the
/// ones Orleans' own ADO.NET provider reads and writes (it is registered beside it here as "stock").
/// </summary>
public abstract class GroupCommitTests : IAsyncLifetime
{
    private const string Stock = "stock";
    private const string StockDeleting = "stock-deleting";
    private const string GroupDeleting = "group-deleting";

    private StorageBackend? _backend;
    private TestSilo? _silo;
    private readonly ConcurrentQueue<int> _batches = new();

    protected abstract Task<StorageBackend> CreateBackendAsync();

    private StorageBackend Backend => _backend ?? throw new InvalidOperationException("The test database was not created.");

    private IServiceProvider Services => (_silo ?? throw new InvalidOperationException("The silo did not start.")).Services;

    private GroupCommitGrainStorage Group => Assert.IsType<GroupCommitGrainStorage>(Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main));

    private IGrainStorage StockStorage => Services.GetRequiredKeyedService<IGrainStorage>(Stock);

    public async ValueTask InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        var database = _backend.Database;
        _silo = await TestSilo.StartAsync(_backend, configure: builder => builder.ConfigureSilo((_, silo) =>
        {
            // Orleans' provider as it comes, on the same database, configured as the silo configures its own.
            void Provider(string name, bool deleteOnClear) => silo.AddAdoNetGrainStorage(name, o => o.Configure<Serializer>((options, serializer) =>
            {
                options.Invariant = database.Invariant;
                options.ConnectionString = database.ConnectionString;
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                options.DeleteStateOnClear = deleteOnClear;
            }));
            Provider(Stock, deleteOnClear: false);
            Provider(StockDeleting, deleteOnClear: true);
            Provider(GroupDeleting, deleteOnClear: true);
            GroupCommitGrainStorage.Decorate(silo.Services, GroupDeleting);
        }));
        Group.BatchObserver = _batches.Enqueue;
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    private static GrainId Key(string key) => GrainId.Create("group-commit", key);

    private static GrainState<Note> State(string text, string? etag = null) => new(new Note(text, 1), etag);

    [Fact]
    public async Task WritesThatWaitTogetherCommitInOneTransaction()
    {
        Assert.Equal(Backend.Provider == StorageProvider.Postgres ? GroupCommitGrainStorage.PostgresWriters : 1, Group.Writers);
        var states = Enumerable.Range(0, 24).Select(i => State($"report {i}")).ToList();

        var held = await HoldTheWriteLockAsync();
        var blockers = await StartBlockersAsync();
        var writes = states.Select((s, i) => Group.WriteStateAsync("gc", Key($"batch-{i}"), s)).ToList();
        await QueuedAsync(states.Count);
        await Task.Delay(100);
        Assert.All(writes.Concat(blockers), w => Assert.False(w.IsCompleted, "a write was acknowledged while the database was locked"));
        await held.DisposeAsync();
        await Task.WhenAll(writes.Concat(blockers));

        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.Contains(_batches, size => size >= states.Count);
        Assert.Equal(24, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'gc'"));
        var (batches, written) = Group.Totals;
        Assert.True(batches < written, $"{written} writes took {batches} transactions");
    }

    [Fact]
    public async Task AnETagConflictInABatchFailsOnlyItsOwnWrite()
    {
        var contested = State("first");
        await Group.WriteStateAsync("gc", Key("contested"), contested);
        var stale = State("stale", contested.ETag);
        contested.State = new Note("second", 2);
        await Group.WriteStateAsync("gc", Key("contested"), contested);
        var others = Enumerable.Range(0, 6).Select(i => State($"other {i}")).ToList();

        var held = await HoldTheWriteLockAsync();
        var blockers = await StartBlockersAsync();
        var otherWrites = others.Take(3).Select((s, i) => Group.WriteStateAsync("gc", Key($"other-{i}"), s)).ToList();
        var staleWrite = Group.WriteStateAsync("gc", Key("contested"), stale);
        otherWrites.AddRange(others.Skip(3).Select((s, i) => Group.WriteStateAsync("gc", Key($"other-{i + 3}"), s)));
        await QueuedAsync(7);
        await held.DisposeAsync();
        await Task.WhenAll(otherWrites.Concat(blockers));
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);

        Assert.Contains(_batches, size => size >= 7);
        Assert.All(others, s => Assert.Equal("1", s.ETag));
        Assert.Equal("1", stale.ETag);
        Assert.Equal("2", contested.ETag);
        var read = State("");
        await StockStorage.ReadStateAsync("gc", Key("contested"), read);
        Assert.Equal(new Note("second", 2), read.State);
        Assert.Equal(contested.ETag, read.ETag);
    }

    [Fact]
    public async Task AFailedCommitFailsEveryWriteOfTheBatchAndNoneIsStored()
    {
        var states = Enumerable.Range(0, 8).Select(i => State($"lost {i}")).ToList();
        Group.BeforeCommitForTests = () => throw new IOException("the disk is gone");
        var held = await HoldTheWriteLockAsync();
        var blockers = await StartBlockersAsync();
        var writes = states.Select((s, i) => Group.WriteStateAsync("gc-fail", Key($"fail-{i}"), s)).ToList();
        await QueuedAsync(states.Count);
        await held.DisposeAsync();
        foreach (var blocker in blockers)
        {
            await Assert.ThrowsAsync<IOException>(() => blocker);
        }

        foreach (var write in writes)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => write);
            Assert.Equal("the disk is gone", error.Message);
        }

        Assert.All(states, s => Assert.Null(s.ETag));
        Assert.All(states, s => Assert.False(s.RecordExists));
        Assert.Contains(_batches, size => size >= states.Count);
        Assert.Equal(0, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'gc-fail'"));

        // The same writes, once the database commits again: they were never acknowledged, so they are first writes.
        Group.BeforeCommitForTests = null;
        await Task.WhenAll(states.Select((s, i) => Group.WriteStateAsync("gc-fail", Key($"fail-{i}"), s)));
        Assert.Equal(8, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'gc-fail'"));
    }

    [Fact]
    public async Task AStatementThatFailsFailsOnlyItsOwnWrite()
    {
        await ExecuteAsync(Backend.Provider == StorageProvider.Sqlite
            ? """
              CREATE TRIGGER poison BEFORE INSERT ON OrleansStorage WHEN NEW.GrainTypeString = 'poison'
              BEGIN SELECT RAISE(ABORT, 'poisoned state'); END;
              """
            : """
              CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.GrainTypeString = 'poison' THEN RAISE EXCEPTION 'poisoned state'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER poison BEFORE INSERT ON OrleansStorage FOR EACH ROW EXECUTE FUNCTION poison();
              """);
        var good = Enumerable.Range(0, 5).Select(i => State($"good {i}")).ToList();
        var poisoned = State("poisoned");

        var held = await HoldTheWriteLockAsync();
        var blockers = await StartBlockersAsync();
        var goodWrites = good.Take(2).Select((s, i) => Group.WriteStateAsync("gc", Key($"good-{i}"), s)).ToList();
        var poisonedWrite = Group.WriteStateAsync("poison", Key("poisoned"), poisoned);
        goodWrites.AddRange(good.Skip(2).Select((s, i) => Group.WriteStateAsync("gc", Key($"good-{i + 2}"), s)));
        await QueuedAsync(6);
        await held.DisposeAsync();

        await Task.WhenAll(goodWrites.Concat(blockers));
        var error = await Assert.ThrowsAnyAsync<DbException>(() => poisonedWrite);
        Assert.Contains("poisoned state", error.Message, StringComparison.Ordinal);
        Assert.Null(poisoned.ETag);
        Assert.All(good, s => Assert.Equal("1", s.ETag));
        Assert.Contains(_batches, size => size >= 6);
        Assert.Equal(5, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'gc'"));
    }

    /// <summary>
    /// Every kind of grain key: what group commit writes, Orleans' provider reads and writes over with the ETag it
    /// read (so it found the very row: same hashes, N0, N1, extension), and the other way round; one row each.
    /// </summary>
    [Fact]
    public async Task TheStockProviderReadsAndWritesTheSameRows()
    {
        var guid = Guid.Parse("6f1c2a0e-93a4-4c55-9d4e-7b1f0c2d3e4f");
        var ids = new[]
        {
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateIntegerKey(440800)),
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateIntegerKey(-7, "ext")),
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateGuidKey(guid, "扩展")),
            GrainId.Create("group-commit", "湛江市-坡头区"),
            GrainId.Create("group-commit", "440883"),
        };
        foreach (var id in ids)
        {
            var mine = State($"group {id}");
            await Group.WriteStateAsync("rows", id, mine);

            var theirs = State("");
            await StockStorage.ReadStateAsync("rows", id, theirs);
            Assert.True(theirs.RecordExists);
            Assert.Equal(mine.ETag, theirs.ETag);
            Assert.Equal(mine.State, theirs.State);

            theirs.State = new Note($"stock {id}", 2);
            await StockStorage.WriteStateAsync("rows", id, theirs);
            await Assert.ThrowsAsync<InconsistentStateException>(() => Group.WriteStateAsync("rows", id, mine));
            var again = State("");
            await Group.ReadStateAsync("rows", id, again);
            again.State = new Note($"group again {id}", 3);
            await Group.WriteStateAsync("rows", id, again);

            await StockStorage.ReadStateAsync("rows", id, theirs);
            Assert.Equal(new Note($"group again {id}", 3), theirs.State);
            Assert.Equal("3", theirs.ETag);
        }

        Assert.Equal(ids.Length, await Backend.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'rows'"));
    }

    /// <summary>
    /// A rebuild's bulk read: for every kind of key, one read of many rows gives each grain what Orleans' provider reads
    /// for it alone (the stock provider wrote some rows, group commit others); a state never written, cleared (row kept)
    /// or deleted is absent; a row of another state name is not taken for the one asked.
    /// </summary>
    [Fact]
    public async Task ABulkReadGivesEachGrainWhatTheProviderReadsForIt()
    {
        var guid = Guid.Parse("0b7e5d4c-3a21-4f60-8e9d-5c4b3a291807");
        var written = new[]
        {
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateIntegerKey(440881)),
            GrainId.Create(GrainType.Create("group-commit"), GrainIdKeyExtensions.CreateGuidKey(guid, "扩展")),
            GrainId.Create("group-commit", "LD-440883101-0001"),
            GrainId.Create("group-commit", "LD-440883101-0002"),
        };
        var cleared = GrainId.Create("group-commit", "LD-440883101-0003");
        var otherName = GrainId.Create("group-commit", "LD-440883101-0004");
        var never = GrainId.Create("group-commit", "LD-440883101-0005");
        for (var i = 0; i < written.Length; i++)
        {
            // Half through the stock provider, half through group commit: the bulk read finds both.
            await (i % 2 == 0 ? StockStorage : Group).WriteStateAsync("bulk", written[i], State($"row {i}"));
        }

        var clearing = State("to clear");
        await Group.WriteStateAsync("bulk", cleared, clearing);
        await Group.ClearStateAsync("bulk", cleared, clearing);
        await Group.WriteStateAsync("bulk-other", otherName, State("another state"));

        var read = await Group.ReadManyAsync<Note>("bulk", [.. written, cleared, otherName, never]);

        Assert.Equal(written.Length, read.Count);
        foreach (var id in written)
        {
            var alone = State("");
            await StockStorage.ReadStateAsync("bulk", id, alone);
            Assert.True(alone.RecordExists);
            Assert.Equal(alone.State, read[id]);
        }

        Assert.Empty(await Group.ReadManyAsync<Note>("bulk", []));
    }

    /// <summary>
    /// The same steps, through group commit and through Orleans' provider, on rows of their own: the same outcomes
    /// (ETags, RecordExists, conflicts) and the same rows, for writes and clears, with and without DeleteStateOnClear.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WritesAndClearsBehaveAsTheStockProvidersDo(bool deleteOnClear)
    {
        var group = deleteOnClear ? Services.GetRequiredKeyedService<IGrainStorage>(GroupDeleting) : Group;
        var stock = deleteOnClear ? Services.GetRequiredKeyedService<IGrainStorage>(StockDeleting) : StockStorage;
        Assert.IsType<GroupCommitGrainStorage>(group);

        var ours = await TranscriptAsync(group, "steps-group");
        var theirs = await TranscriptAsync(stock, "steps-stock");

        Assert.True(theirs.SequenceEqual(ours), $"stock:\n{string.Join("\n", theirs)}\n\ngroup commit:\n{string.Join("\n", ours)}");
    }

    private async Task<List<string>> TranscriptAsync(IGrainStorage storage, string stateName)
    {
        var log = new List<string>();
        async Task Step(string what, Func<Task> step, IGrainState<Note> state)
        {
            string outcome;
            try
            {
                await step();
                outcome = "ok";
            }
            catch (InconsistentStateException)
            {
                outcome = "conflict";
            }

            log.Add($"{what}: {outcome}, etag {state.ETag ?? "-"}, exists {state.RecordExists}, text {state.State?.Text ?? "-"}");
            var rows = await Backend.StringsAsync(
                $"SELECT CAST(Version AS TEXT) || ':' || CASE WHEN PayloadBinary IS NULL THEN 'null' ELSE 'payload' END || ':' || GrainIdN1 "
                + $"FROM OrleansStorage WHERE GrainTypeString = '{stateName}' ORDER BY GrainIdN1");
            log.Add($"  rows {string.Join(", ", rows)}");
        }

        GrainId Id(int n) => GrainId.Create(GrainType.Create("steps"), GrainIdKeyExtensions.CreateIntegerKey(n));

        var never = new GrainState<Note>(Note.Empty);
        await Step("clear a state never written", () => storage.ClearStateAsync(stateName, Id(1), never), never);

        var a = State("a");
        await Step("first write", () => storage.WriteStateAsync(stateName, Id(2), a), a);
        var holder = new GrainState<Note>(a.State, a.ETag);
        await Step("second write", () => storage.WriteStateAsync(stateName, Id(2), a), a);
        await Step("clear with a stale etag", () => storage.ClearStateAsync(stateName, Id(2), holder), holder);
        await Step("clear", () => storage.ClearStateAsync(stateName, Id(2), a), a);
        var read = new GrainState<Note>(new Note("sentinel", 0));
        await Step("read after clear", () => storage.ReadStateAsync(stateName, Id(2), read), read);
        holder.ETag = "2";
        await Step("write with the etag before the clear", () => storage.WriteStateAsync(stateName, Id(2), holder), holder);
        a.State = new Note("after clear", 4);
        await Step("write after clear", () => storage.WriteStateAsync(stateName, Id(2), a), a);

        var b = State("b");
        await Step("write b", () => storage.WriteStateAsync(stateName, Id(3), b), b);
        var fresh = new GrainState<Note>(Note.Empty);
        await Step("clear an existing row with no etag", () => storage.ClearStateAsync(stateName, Id(3), fresh), fresh);
        var noRow = State("x", "5");
        await Step("clear with an etag and no row", () => storage.ClearStateAsync(stateName, Id(4), noRow), noRow);
        await Step("write with an etag and no row", () => storage.WriteStateAsync(stateName, Id(4), noRow), noRow);
        var second = State("b again");
        await Step("second first write", () => storage.WriteStateAsync(stateName, Id(3), second), second);
        return log;
    }

    // ---- holding the database's writers back, so that writes queue ----

    /// <summary>
    /// One write per writer, one at a time so that each writer takes one, starts its transaction and waits on the held
    /// lock: what is written next queues until the lock is released.
    /// </summary>
    private async Task<List<Task>> StartBlockersAsync()
    {
        var blockers = new List<Task>();
        for (var i = 0; i < Group.Writers; i++)
        {
            blockers.Add(Group.WriteStateAsync("gc-blocker", Key($"blocker-{i}-{Guid.NewGuid():N}"), State("blocker")));
            var taken = i + 1;
            await UntilAsync(() => Group.Executing == taken && Group.Queued == 0, $"writer {taken} to take its blocker");
        }

        return blockers;
    }

    /// <summary>Waits until every one of <paramref name="count"/> writes is queued behind the busy writers.</summary>
    private Task QueuedAsync(int count) => UntilAsync(() => Group.Queued == count, $"{count} writes to queue");

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    private async Task<IAsyncDisposable> HoldTheWriteLockAsync()
    {
        var connection = Backend.CreateConnection();
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Backend.Provider == StorageProvider.Sqlite
            ? "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GroupCommitTestLock', 'held')"
            : "LOCK TABLE OrleansStorage IN EXCLUSIVE MODE";
        await command.ExecuteNonQueryAsync();
        return new Held(connection, transaction);
    }

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Backend.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteGroupCommitTests : GroupCommitTests
{
    protected override Task<StorageBackend> CreateBackendAsync() => Task.FromResult<StorageBackend>(new SqliteBackend());
}

public sealed class PostgresGroupCommitTests : GroupCommitTests
{
    protected override async Task<StorageBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync();
}
