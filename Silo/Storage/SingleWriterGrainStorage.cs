using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Liandong.Silo.Storage;

/// <summary>
/// Lets the silo's grain-state writes to SQLite take turns in-process. SQLite admits one writer at a time, and
/// Microsoft.Data.Sqlite meets a locked database by putting the calling thread to sleep for 150 ms and trying
/// again; with many grains writing at once, most writes slept, thread-pool threads piled up behind the lock and
/// the silo managed about a hundred writes a second (docs/benchmarks.md). Queued on an async lock, the same
/// writes run back to back. Reads are not held back: in WAL mode they do not wait for the writer.
/// </summary>
internal sealed class SingleWriterGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The meter of the SQLite write lock: how long writes wait for it and how long they hold it.</summary>
    public const string MeterName = "Liandong.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>(
        "liandong.storage.sqlite.write_wait", "ms", "Time a grain-state write waited for SQLite's write lock");
    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        "liandong.storage.sqlite.write_held", "ms", "Time a grain-state write held SQLite's write lock (statement and commit)");

    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task OneAtATimeAsync(Func<Task> write)
    {
        var start = Stopwatch.GetTimestamp();
        await _writer.WaitAsync();
        var acquired = Stopwatch.GetTimestamp();
        Waited.Record(Stopwatch.GetElapsedTime(start, acquired).TotalMilliseconds);
        try
        {
            await write();
        }
        finally
        {
            _writer.Release();
            Held.Record(Stopwatch.GetElapsedTime(acquired).TotalMilliseconds);
        }
    }

    /// <summary>The ADO.NET storage reads its queries when the silo starts; it still takes part in the lifecycle.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the grain storage registered under <paramref name="name"/>, when the configured database is SQLite.</summary>
    public static void Decorate(IServiceCollection services, string name)
    {
        var registered = services.LastOrDefault(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(IGrainStorage)
            && d.KeyedImplementationFactory is not null)
            ?? throw new InvalidOperationException($"No grain storage named {name} is registered to wrap.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
        {
            var storage = (IGrainStorage)registered.KeyedImplementationFactory!(sp, key);
            return sp.GetRequiredService<StorageDatabase>().Provider == StorageProvider.Sqlite ? new SingleWriterGrainStorage(storage) : storage;
        });
    }
}
