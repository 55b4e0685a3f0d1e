using Liandong.Operations;
using Orleans.Concurrency;

namespace Liandong.Grains.Operations;

/// <summary>A stateless worker, so each silo answers its own pings without placement or storage.</summary>
[StatelessWorker(1)]
public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    public Task<string> PingAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
