using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Grains.Infrastructure;

/// <summary>
/// A grain storage that reads the stored states of many grains in one go (one round trip), for a division that
/// rebuilds its children's figures after a crash. The silo's group-commit storage is one (Silo/Storage).
/// </summary>
public interface IBulkGrainStorage
{
    /// <summary>
    /// The stored state of each grain of <paramref name="grainIds"/> that has one under <paramref name="stateName"/>;
    /// a grain never written, or cleared, is absent from the answer.
    /// </summary>
    Task<IReadOnlyDictionary<GrainId, T>> ReadManyAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds);
}

/// <summary>
/// Reads grains' persisted states without activating the grains: what a rebuild needs from a hundred projects is
/// their last written figures, and a project answers <see cref="Liandong.Hierarchy.IRollupChild.GetSnapshotAsync"/>
/// from exactly that state. Only for reads that versions make safe to race with the grains' own writes.
/// </summary>
internal static class StoredStates
{
    /// <summary>
    /// The stored states of <paramref name="grainIds"/> in the storage named <paramref name="storageName"/>: in one
    /// query when the storage can (<see cref="IBulkGrainStorage"/>), else one storage read per grain.
    /// </summary>
    public static async Task<IReadOnlyDictionary<GrainId, T>> ReadAsync<T>(
        IServiceProvider services, string storageName, string stateName, IReadOnlyList<GrainId> grainIds)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(storageName);
        if (storage is IBulkGrainStorage bulk)
        {
            return await bulk.ReadManyAsync<T>(stateName, grainIds);
        }

        var found = new Dictionary<GrainId, T>();
        foreach (var id in grainIds)
        {
            var state = new GrainState<T>();
            await storage.ReadStateAsync(stateName, id, state);
            if (state.RecordExists && state.State is { } stored)
            {
                found[id] = stored;
            }
        }

        return found;
    }
}
