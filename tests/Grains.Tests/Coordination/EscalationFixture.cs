using Liandong.Grains.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>
/// A cluster of its own for escalation: its fake clock is moved forward by the tests (never the shared one), and
/// matters wake every second on a real Orleans reminder to compare that clock with their deadlines.
/// </summary>
/// <remarks>8 June 2023, 15:00 in China.</remarks>
public sealed class EscalationFixture() : FakeClockClusterFixture(new DateTimeOffset(2023, 6, 8, 7, 0, 0, TimeSpan.Zero))
{
    private const string MemoryStorage = "memory";

    /// <summary>The silo's grain storage, which a test can make crash right after a write.</summary>
    public CrashingStorage Storage => (CrashingStorage)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    /// <summary>Memory storage behind a wrapper that can stop a grain right after a write (RetryReminderTests).</summary>
    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(MemoryStorage);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Main,
            (services, _) => new CrashingStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage)));
    }

    protected override void ConfigureDomain(ISiloBuilder silo) =>
        silo.Configure<MatterEscalationOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(1));
}

[CollectionDefinition(Name)]
public sealed class EscalationCollection : ICollectionFixture<EscalationFixture>
{
    public const string Name = "escalation";
}
