// The provider calls are short database round trips; the test host times the test out as a whole.
#pragma warning disable xUnit1051

using Orleans.Runtime;
using Orleans.Storage;

namespace Liandong.Storage.Tests.Conformance;

/// <summary>
/// The contract Orleans' ADO.NET grain storage and reminder providers expect of a database, checked against
/// a database prepared only by the project's own scripts (Silo/Storage/Sql/, applied by the silo at start).
/// These are a representative set of the cases of Orleans' own provider conformance suites, restated for
/// Liandong: if an edit of a script breaks the contract, one of these fails.
/// </summary>
public abstract class ProviderConformanceTests : IAsyncLifetime
{
    private StorageBackend? _backend;
    private TestSilo? _silo;

    protected abstract Task<StorageBackend> CreateBackendAsync();

    private TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo did not start.");

    private IGrainStorage Storage => Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    private IReminderTable Reminders => Silo.Services.GetRequiredService<IReminderTable>();

    public async ValueTask InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        _silo = await TestSilo.StartAsync(_backend);
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

    private static GrainId StringKey(string key) => GrainId.Create("conformance", key);

    // ---- grain storage ----

    [Fact]
    public async Task AStateNeverWrittenReadsAsAbsentWithNoETag()
    {
        var state = new GrainState<Note>(Note.Empty);
        await Storage.ReadStateAsync("conf", StringKey("never"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.True(string.IsNullOrEmpty(state.State?.Text), $"a state never written reads as {state.State}");
    }

    [Fact]
    public async Task AWriteReadsBackWithItsETagAndEveryWriteMovesTheETag()
    {
        var id = StringKey("round-trip");
        var state = new GrainState<Note>(new Note("first", 1));
        await Storage.WriteStateAsync("conf", id, state);
        var first = state.ETag;
        Assert.NotNull(first);
        Assert.True(state.RecordExists);

        state.State = new Note("second", 2);
        await Storage.WriteStateAsync("conf", id, state);
        Assert.NotEqual(first, state.ETag);

        var read = new GrainState<Note>(Note.Empty);
        await Storage.ReadStateAsync("conf", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(new Note("second", 2), read.State);
    }

    [Fact]
    public async Task AWriteWithAStaleETagFailsAndTheStoredStateStays()
    {
        var id = StringKey("stale");
        var writer = new GrainState<Note>(new Note("one", 1));
        await Storage.WriteStateAsync("conf", id, writer);
        var stale = new GrainState<Note>(new Note("stale", 9), writer.ETag);
        writer.State = new Note("two", 2);
        await Storage.WriteStateAsync("conf", id, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("conf", id, stale));

        var read = new GrainState<Note>(Note.Empty);
        await Storage.ReadStateAsync("conf", id, read);
        Assert.Equal(new Note("two", 2), read.State);
    }

    [Fact]
    public async Task TwoFirstWritesOfOneStateCannotBothWin()
    {
        var id = StringKey("first-writers");
        await Storage.WriteStateAsync("conf", id, new GrainState<Note>(new Note("a", 1)));

        // The second also believes the state was never written (no ETag).
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("conf", id, new GrainState<Note>(new Note("b", 1))));
    }

    [Fact]
    public async Task AWriteWithAnETagForAStateThatHasNoRowFails()
    {
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync("conf", StringKey("no-row"), new GrainState<Note>(new Note("x", 1), "3")));
    }

    [Fact]
    public async Task ClearingAStateNeverWrittenWithNoETagDoesNothing()
    {
        // Observed with Orleans 10.4.2 and these scripts (docs/architecture.md "Stored state"): the provider
        // sends the clear with no version, the statement matches no row, and the provider reports success.
        // Older Orleans scripts answer the same call with an ETag conflict; no grain may rely on either.
        var state = new GrainState<Note>(Note.Empty);
        await Storage.ClearStateAsync("conf-never", StringKey("never-cleared"), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await _backend!.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'conf-never'"));
    }

    [Fact]
    public async Task ClearingWithAStaleETagFailsWithAnETagConflictAndKeepsTheState()
    {
        var id = StringKey("stale-clear");
        var state = new GrainState<Note>(new Note("one", 1));
        await Storage.WriteStateAsync("conf", id, state);
        var stale = new GrainState<Note>(state.State, state.ETag);
        state.State = new Note("two", 2);
        await Storage.WriteStateAsync("conf", id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("conf", id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.ClearStateAsync("conf", StringKey("no-row-to-clear"), new GrainState<Note>(Note.Empty, "1")));

        var read = new GrainState<Note>(Note.Empty);
        await Storage.ReadStateAsync("conf", id, read);
        Assert.Equal(new Note("two", 2), read.State);
    }

    [Fact]
    public async Task AClearedStateReadsAsAbsentAndAHolderOfTheOldETagCannotWriteOverTheClear()
    {
        var id = StringKey("cleared");
        var state = new GrainState<Note>(new Note("kept", 1));
        await Storage.WriteStateAsync("conf", id, state);
        var old = new GrainState<Note>(new Note("late", 2), state.ETag);

        await Storage.ClearStateAsync("conf", id, state);
        var read = new GrainState<Note>(new Note("sentinel", 0));
        await Storage.ReadStateAsync("conf", id, read);
        Assert.False(read.RecordExists);
        Assert.True(string.IsNullOrEmpty(read.State?.Text) && read.State?.Writes is null or 0, $"a cleared state reads as {read.State}");

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("conf", id, old));

        // The one that cleared writes again with the ETag the clear gave it.
        state.State = new Note("again", 3);
        await Storage.WriteStateAsync("conf", id, state);
        await Storage.ReadStateAsync("conf", id, read);
        Assert.Equal(new Note("again", 3), read.State);
    }

    [Fact]
    public async Task EveryKindOfGrainKeyHasItsOwnRow()
    {
        var guid = Guid.Parse("6f1c2a0e-93a4-4c55-9d4e-7b1f0c2d3e4f");
        var ids = new[]
        {
            GrainId.Create(GrainType.Create("conformance"), GrainIdKeyExtensions.CreateIntegerKey(440800)),
            GrainId.Create(GrainType.Create("conformance"), GrainIdKeyExtensions.CreateIntegerKey(440800, "ext")),
            GrainId.Create(GrainType.Create("conformance"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("conformance"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create("conformance", "湛江市-坡头区"),
        };
        for (var i = 0; i < ids.Length; i++)
        {
            await Storage.WriteStateAsync("conf", ids[i], new GrainState<Note>(new Note(ids[i].ToString(), i)));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<Note>(Note.Empty);
            await Storage.ReadStateAsync("conf", ids[i], read);
            Assert.Equal(new Note(ids[i].ToString(), i), read.State);
        }
    }

    [Fact]
    public async Task ALargeStateRoundTrips()
    {
        var id = StringKey("large");
        var text = string.Concat(Enumerable.Range(0, 60_000).Select(i => (char)('一' + i % 20_000)));
        await Storage.WriteStateAsync("conf", id, new GrainState<Note>(new Note(text, 1)));

        var read = new GrainState<Note>(Note.Empty);
        await Storage.ReadStateAsync("conf", id, read);
        Assert.Equal(text, read.State!.Text);
    }

    // ---- reminders ----

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), Period = period };

    [Fact]
    public async Task AReminderIsStoredReadAndUpdatedWithANewETag()
    {
        var grain = StringKey("reminder-owner");
        var etag = await Reminders.UpsertRow(Reminder(grain, "rollup-sync", TimeSpan.FromMinutes(1)));
        Assert.False(string.IsNullOrEmpty(etag));

        var read = await Reminders.ReadRow(grain, "rollup-sync");
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(TimeSpan.FromMinutes(1), read.Period);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), read.StartAt.ToUniversalTime());

        var again = await Reminders.UpsertRow(Reminder(grain, "rollup-sync", TimeSpan.FromMinutes(5)));
        Assert.NotEqual(etag, again);
        Assert.Equal(TimeSpan.FromMinutes(5), (await Reminders.ReadRow(grain, "rollup-sync"))!.Period);
        Assert.Single((await Reminders.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task AReminderIsRemovedOnlyWithItsCurrentETag()
    {
        var grain = StringKey("reminder-remove");
        var first = await Reminders.UpsertRow(Reminder(grain, "matter-escalation", TimeSpan.FromMinutes(1))) ?? "";
        var current = await Reminders.UpsertRow(Reminder(grain, "matter-escalation", TimeSpan.FromMinutes(2))) ?? "";

        Assert.False(await Reminders.RemoveRow(grain, "matter-escalation", first));
        Assert.NotNull(await Reminders.ReadRow(grain, "matter-escalation"));
        Assert.True(await Reminders.RemoveRow(grain, "matter-escalation", current));
        Assert.Null(await Reminders.ReadRow(grain, "matter-escalation"));
        Assert.False(await Reminders.RemoveRow(grain, "matter-escalation", current));
    }

    [Fact]
    public async Task AGrainsRemindersAreReadTogetherAndNoOtherGrains()
    {
        var grain = StringKey("reminders-of-one");
        await Reminders.UpsertRow(Reminder(grain, "a", TimeSpan.FromMinutes(1)));
        await Reminders.UpsertRow(Reminder(grain, "b", TimeSpan.FromMinutes(1)));
        await Reminders.UpsertRow(Reminder(StringKey("reminders-of-another"), "a", TimeSpan.FromMinutes(1)));

        var rows = await Reminders.ReadRows(grain);
        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RemindersAreReadByHashRangeIncludingARangeThatWrapsAround()
    {
        var grains = Enumerable.Range(0, 40).Select(i => StringKey($"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await Reminders.UpsertRow(Reminder(grain, "ring", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        // (low, high]: greater than the beginning, up to and including the end.
        var inside = await RingAsync(low, high);
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > low && g.GetUniformHashCode() <= high).Order(), inside);

        // (high, low] wraps past uint.MaxValue: everything but the range above.
        var wrapped = await RingAsync(high, low);
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > high || g.GetUniformHashCode() <= low).Order(), wrapped);
    }

    private async Task<List<GrainId>> RingAsync(uint begin, uint end) =>
        (await Reminders.ReadRows(begin, end)).Reminders.Where(r => r.ReminderName == "ring").Select(r => r.GrainId).Order().ToList();
}

public sealed class SqliteProviderConformanceTests : ProviderConformanceTests
{
    protected override Task<StorageBackend> CreateBackendAsync() => Task.FromResult<StorageBackend>(new SqliteBackend());
}

public sealed class PostgresProviderConformanceTests : ProviderConformanceTests
{
    protected override async Task<StorageBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync();
}

/// <summary>
/// What clearing a state never written does depends on the provider and its scripts (nothing here; an ETag conflict
/// with Orleans' older scripts), so a grain that clears its state must know the record exists: every grain source
/// that calls <c>ClearStateAsync</c> must look at <c>RecordExists</c>.
/// </summary>
public sealed class NoGrainClearsAStateItNeverWrote
{
    [Fact]
    public void EveryGrainThatClearsItsStateChecksThatTheRecordExists()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liandong.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var sources = Directory.GetFiles(Path.Combine(directory.FullName, "Grains"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sources);
        var unguarded = sources.Where(f => File.ReadAllText(f) is var text
            && text.Contains("ClearStateAsync", StringComparison.Ordinal) && !text.Contains("RecordExists", StringComparison.Ordinal)).ToList();
        Assert.True(unguarded.Count == 0,
            $"{string.Join(", ", unguarded.Select(Path.GetFileName))} clear grain state without looking at RecordExists: clearing a state that "
            + "was never written is a no-op on one provider and an ETag conflict on another (docs/architecture.md \"Stored state\").");
    }
}
