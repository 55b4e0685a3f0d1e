using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Liandong.Grains.Infrastructure;
using Orleans.Storage;

namespace Liandong.Silo.Storage;

/// <summary>
/// Group commit of grain-state writes. Every write and clear of the storage it wraps is queued; a writer takes
/// all that are waiting and commits them in <b>one</b> transaction (one fsync on SQLite, one round trip and one
/// WAL flush on PostgreSQL), then answers each caller with its own outcome. Nothing is acknowledged before the
/// transaction that holds it has committed.
/// </summary>
/// <remarks>
/// <para>
/// The rows are the ones Orleans' ADO.NET provider writes and reads, because the statements are the provider's
/// own: the <c>WriteToStorageKey</c>, <c>ClearStorageKey</c> and <c>DeleteStorageKey</c> texts of the
/// <c>OrleansQuery</c> table (Sql/{Provider}/Persistence.sql), with the parameters the provider passes — the
/// grain key split into N0, N1 and the extension string, the 32-bit hashes of key and state name by the
/// provider's configured hasher (Orleans' <see cref="OrleansDefaultHasher"/> unless set), the payload from the
/// provider's configured serializer and the version as the ETag. Reads still go to the provider.
/// </para>
/// <para>
/// Each statement checks its own version and returns the new one, or no row when the version does not match:
/// an ETag conflict is that write's own <see cref="InconsistentStateException"/> and changes nothing, so the
/// rest of its batch commits. A statement that throws (anything but a conflict) rolls the batch back, and its
/// writes are then committed one by one, so only the write that fails fails. A failed commit fails every write
/// of the batch.
/// </para>
/// <para>
/// SQLite has one writer: one batch at a time, which also keeps Microsoft.Data.Sqlite from sleeping 150 ms on a
/// locked database (docs/benchmarks.md). PostgreSQL runs up to <c>Storage:Postgres:Writers</c> batches at once,
/// each sent as one <c>NpgsqlBatch</c>.
/// </para>
/// </remarks>
internal sealed class GroupCommitGrainStorage : IGrainStorage, IBulkGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>The meter of the grain-state writer: how long writes wait for a transaction, hold it, and how many share one.</summary>
    public const string MeterName = Liandong.ServiceDefaults.TelemetryNames.StorageMeter;

    /// <summary>Writes per transaction at most; the rest waits for the next one.</summary>
    public const int MaxBatch = 256;

    /// <summary>Transactions in flight at once on PostgreSQL unless <c>Storage:Postgres:Writers</c> says otherwise (SQLite: one).</summary>
    public const int DefaultPostgresWriters = 4;

    /// <summary>Bulk reads (<see cref="ReadManyAsync{T}"/>) at once, so that a city's rebuild does not take every connection.</summary>
    public const int BulkReaders = 4;

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>(
        "liandong.storage.write_wait", "ms", "Time a grain-state write waited for the transaction that commits it to begin");
    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        "liandong.storage.write_held", "ms", "Time from the beginning of a grain-state write's transaction to its commit");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "liandong.storage.commit_batch", "{write}", "Grain-state writes committed together in one transaction");

    private readonly IGrainStorage _inner;
    private readonly string _name;
    private readonly string _serviceId;
    private readonly AdoNetGrainStorageOptions _options;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;
    private readonly IStorageHasherPicker _hashers;
    private readonly BatchExecutor _executor;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;
    private readonly SemaphoreSlim _bulkReaders = new(BulkReaders);
    private readonly int _maxBatch;
    private long _batches;
    private int _executing;
    private long _writes;

    public GroupCommitGrainStorage(
        string name, IGrainStorage inner, StorageDatabase database, AdoNetGrainStorageOptions options, string serviceId,
        IActivatorProvider activators, ILogger logger, int maxBatch = MaxBatch, int postgresWriters = DefaultPostgresWriters)
    {
        _maxBatch = maxBatch;
        _inner = inner;
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _activators = activators;
        _logger = logger;
        _hashers = options.HashPicker ?? new StorageHasherPicker([new OrleansDefaultHasher()]);
        var writers = database.Provider == StorageProvider.Postgres ? Math.Max(1, postgresWriters) : 1;
        _executor = database.Provider == StorageProvider.Postgres
            ? new PostgresBatchExecutor(database.ConnectionString, writers + BulkReaders)
            : new SqliteBatchExecutor(database.ConnectionString);
        _writers = Enumerable.Range(0, writers)
            .Select(_ => Task.Run(WriterLoopAsync)).ToArray();
    }

    /// <summary>How many transactions may be in flight at once.</summary>
    public int Writers => _writers.Length;

    /// <summary>Transactions committed (or attempted) so far, and the writes they carried.</summary>
    public (long Batches, long Writes) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _writes));

    /// <summary>Writes queued that no transaction has taken yet.</summary>
    internal int Queued => _queue.Reader.Count;

    /// <summary>Batches a writer has taken and not yet answered.</summary>
    internal int Executing => Volatile.Read(ref _executing);

    /// <summary>For tests: called with the number of writes of each transaction, after its commit or failure.</summary>
    internal Action<int>? BatchObserver { get; set; }

    /// <summary>For tests: runs inside each transaction just before its commit; what it throws fails the commit.</summary>
    internal Func<Task>? BeforeCommitForTests
    {
        get => _executor.BeforeCommit;
        set => _executor.BeforeCommit = value;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ReadStateAsync(stateName, grainId, grainState);

    /// <summary>
    /// Reads the rows of many grains with the provider's own read statement, all in one round trip (PostgreSQL) or on one
    /// connection (SQLite), and deserializes them with the provider's serializer: what the provider's read would give
    /// each grain. Reads do not queue behind the writers.
    /// </summary>
    public async Task<IReadOnlyDictionary<GrainId, T>> ReadManyAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds)
    {
        var found = new Dictionary<GrainId, T>();
        if (grainIds.Count == 0)
        {
            return found;
        }

        if (!IsPlainName(stateName))
        {
            throw new ArgumentException($"State name {stateName} is hashed by the provider alone; read it through the provider.", nameof(stateName));
        }

        var probe = new GrainState<T>();
        var keys = grainIds.Select(id => KeyOf(stateName, id, probe)).ToList();
        byte[]?[] payloads;
        await _bulkReaders.WaitAsync();
        try
        {
            payloads = await _executor.ReadAsync(keys);
        }
        finally
        {
            _bulkReaders.Release();
        }

        for (var i = 0; i < payloads.Length; i++)
        {
            if (payloads[i] is { } payload && _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload)) is { } state)
            {
                found[grainIds[i]] = state;
            }
        }

        return found;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsPlainName(stateName))
        {
            await _inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var key = KeyOf(stateName, grainId, grainState);
        var payload = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var expected = ParseETag(grainState.ETag);
        var version = await EnqueueAsync(new PendingWrite(WriteKind.Write, key, expected, payload));
        if (version is null)
        {
            throw Conflict("WriteState", stateName, key, grainState.ETag);
        }

        grainState.ETag = version.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsPlainName(stateName))
        {
            await _inner.ClearStateAsync(stateName, grainId, grainState);
            return;
        }

        if (string.IsNullOrWhiteSpace(grainState.ETag))
        {
            // As the provider does: a grain that holds no version first learns whether there is a record, and its version.
            // A state never written is then cleared by doing nothing (Storage.Tests' GroupCommitTests compare each
            // step with the provider's).
            await _inner.ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var key = KeyOf(stateName, grainId, grainState);
        var expected = ParseETag(grainState.ETag);
        var kind = _options.DeleteStateOnClear ? WriteKind.Delete : WriteKind.Clear;
        var version = await EnqueueAsync(new PendingWrite(kind, key, expected, null));
        if (version is null)
        {
            throw Conflict("ClearState", stateName, key, grainState.ETag);
        }

        grainState.ETag = kind == WriteKind.Delete ? null : version.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = _activators.GetActivator<T>().Create();
    }

    /// <summary>The provider still reads its queries and serves reads; it takes part in the lifecycle as before.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (_inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Lets the writers finish what is queued, then stop and release their connections.</summary>
    public void Dispose()
    {
        if (_queue.Writer.TryComplete())
        {
            _ = Task.WhenAll(_writers).ContinueWith(_ => _executor.Dispose(), TaskScheduler.Default);
        }
    }

    private Task<int?> EnqueueAsync(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitGrainStorage), "The silo's grain-state writer has stopped.");
        }

        return write.Outcome.Task;
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<PendingWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Interlocked.Increment(ref _executing);
            try
            {
                await CommitAsync(batch);
            }
            finally
            {
                Interlocked.Decrement(ref _executing);
            }
        }
    }

    /// <summary>Commits <paramref name="batch"/> in one transaction and answers every write of it; never throws.</summary>
    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var began = Stopwatch.GetTimestamp();
        foreach (var write in batch)
        {
            Waited.Record(Stopwatch.GetElapsedTime(write.Queued, began).TotalMilliseconds);
        }

        int?[] versions;
        try
        {
            versions = await _executor.ExecuteAsync(batch);
        }
        catch (Exception error) when (batch.Count > 1 && error is not CommitFailedException)
        {
            // One statement failed (not a conflict: that is a row not returned). The batch is rolled back; each
            // write is tried in a transaction of its own so that only the failing one fails.
            _logger.LogWarning(error, "A batch of {Count} grain-state writes failed; committing them one by one", batch.Count);
            Observe(batch.Count, began);
            foreach (var write in batch)
            {
                await CommitAsync([write]);
            }

            return;
        }
        catch (Exception error)
        {
            Observe(batch.Count, began);
            var failure = error is CommitFailedException commit ? commit.InnerException ?? commit : error;
            foreach (var write in batch)
            {
                write.Outcome.TrySetException(failure);
            }

            return;
        }

        Observe(batch.Count, began);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(versions[i]);
        }
    }

    private void Observe(int count, long began)
    {
        var held = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        for (var i = 0; i < count; i++)
        {
            Held.Record(held);
        }

        BatchSize.Record(count);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, count);
        BatchObserver?.Invoke(count);
    }

    /// <summary>
    /// The provider strips generic arguments from a type-like name before hashing it; Liandong's state names are
    /// plain strings, and any other name is left to the provider itself.
    /// </summary>
    private static bool IsPlainName(string stateName) => !stateName.Contains('`', StringComparison.Ordinal);

    private StateKey KeyOf<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        byte[] keyBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            keyBytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(keyBytes, 0);
            n1 = BitConverter.ToInt64(keyBytes, 8);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            keyBytes = BitConverter.GetBytes(integer);
        }
        else
        {
            extension = grainId.Key.ToString();
            keyBytes = [];
        }

        // The provider hashes the key's bytes followed by the extension's UTF-8 (a string key: its UTF-8 alone),
        // the whole reversed on a little-endian machine.
        var hashed = extension is null ? keyBytes : [.. keyBytes, .. Encoding.UTF8.GetBytes(extension)];
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(hashed);
        }

        var hasher = _hashers.PickHasher(_serviceId, _name, stateName, grainId, grainState)
            ?? throw new InvalidOperationException($"The grain storage {_name} has no hasher for {stateName}.");
        return new StateKey(
            hasher.Hash(hashed), hasher.Hash(Encoding.UTF8.GetBytes(stateName)), _serviceId, stateName, n0, n1, extension);
    }

    private static int? ParseETag(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict(string operation, string stateName, StateKey key, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} GrainType={stateName} "
            + $"GrainId={key.N0}/{key.N1}/{key.Extension} ETag={etag}.");

    /// <summary>
    /// Wraps <paramref name="name"/>'s ADO.NET grain storage in group commit; with <see cref="StorageOptions.GroupCommit"/>
    /// off, PostgreSQL keeps the provider alone and SQLite commits one write per transaction, still one writer at a time.
    /// </summary>
    public static void Decorate(IServiceCollection services, string name)
    {
        var registered = services.LastOrDefault(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(IGrainStorage)
            && d.KeyedImplementationFactory is not null)
            ?? throw new InvalidOperationException($"No grain storage named {name} is registered to wrap.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
        {
            var provider = (IGrainStorage)registered.KeyedImplementationFactory!(sp, key);
            var database = sp.GetRequiredService<StorageDatabase>();
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var groupCommit = storage.GroupCommit;
            if (!groupCommit && database.Provider == StorageProvider.Postgres)
            {
                return provider;
            }

            return new GroupCommitGrainStorage(
                name,
                provider,
                database,
                sp.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name),
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<GroupCommitGrainStorage>(),
                groupCommit ? MaxBatch : 1,
                storage.Postgres.Writers);
        });
    }
}

internal enum WriteKind
{
    Write,
    Clear,
    Delete,
}

/// <summary>A state's row key as the provider computes it.</summary>
internal sealed record StateKey(int GrainIdHash, int GrainTypeHash, string ServiceId, string GrainTypeString, long N0, long N1, string? Extension);

/// <summary>One write waiting for its transaction; <see cref="Outcome"/> is the new version, or null on a version conflict.</summary>
internal sealed class PendingWrite(WriteKind kind, StateKey key, int? expectedVersion, byte[]? payload)
{
    public WriteKind Kind { get; } = kind;
    public StateKey Key { get; } = key;
    public int? ExpectedVersion { get; } = expectedVersion;
    public byte[]? Payload { get; } = payload;
    public long Queued { get; } = Stopwatch.GetTimestamp();
    public TaskCompletionSource<int?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The commit itself failed: nothing of the batch is known to be stored.</summary>
internal sealed class CommitFailedException(Exception inner) : Exception("The grain-state transaction failed to commit.", inner);
