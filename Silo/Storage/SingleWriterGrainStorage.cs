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
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
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
