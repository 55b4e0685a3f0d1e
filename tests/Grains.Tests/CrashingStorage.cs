using System.Collections.Concurrent;
using Orleans.Storage;

namespace Liandong.Grains.Tests;

/// <summary>
/// The tests' grain storage: memory storage, except that a test can make the silo "die" right after one write of
/// one grain lands. The write is durable, but the grain never learns so: its call fails where it was, as if the
/// process had stopped between the write and the grain's next step.
/// </summary>
public sealed class CrashingStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, bool> _armed = new();

    /// <summary>The next write of <paramref name="grain"/> lands, then its call fails.</summary>
    public void CrashAfterNextWrite(GrainId grain) => _armed[grain] = true;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (_armed.TryRemove(grainId, out _))
        {
            throw new IOException($"The silo died right after writing {grainId}.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
