using Liandong.Grains.Coordination;
using Liandong.Grains.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>
/// A cluster of its own for escalation: its fake clock is moved forward by the tests (never the shared one), and
/// matters wake every second on a real Orleans reminder to compare that clock with their deadlines.
/// </summary>
public sealed class EscalationFixture : IAsyncLifetime
{
    private const string MemoryStorage = "memory";

    /// <summary>8 June 2023, 15:00 in China; given in UTC because FakeTimeProvider adds the local offset to the ticks it was started with.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2023, 6, 8, 7, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's grain storage, which a test can make crash right after a write.</summary>
    public CrashingStorage Storage => (CrashingStorage)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    public DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    public async ValueTask InitializeAsync()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "CST"));
        WakeUpReminder.RetryDueTime = TimeSpan.FromSeconds(5);
        WakeUpReminder.RetryPeriod = TimeSpan.FromSeconds(5);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Memory storage behind a wrapper that can stop a grain right after a write (RetryReminderTests).
            silo.AddMemoryGrainStorage(MemoryStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Main,
                (services, _) => new CrashingStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage)));
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<MatterEscalationOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Time);

            // Orleans resolves its reminder clock as a keyed TimeProvider that falls back to the one above; the
            // reminders must tick in real time while the grains read the fake clock.
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The names of the reminders the reminder table holds for a grain: what would survive a restart.</summary>
    public async Task<IReadOnlyList<string>> RemindersOfAsync(IAddressable grain)
    {
        var table = Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(grain.GetGrainId());
        return rows.Reminders.Select(r => r.ReminderName).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EscalationCollection : ICollectionFixture<EscalationFixture>
{
    public const string Name = "escalation";
}
