using Liandong.Grains.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Liandong.Grains.Tests;

/// <summary>
/// A one-silo cluster of its own whose grains read a fake clock in China's time zone, which its tests move forward
/// (never the shared cluster's), while its Orleans reminders tick in real time (every second at the least): the
/// base of the fixtures that test deadlines kept by reminders (matter escalation, lead deadlines).
/// </summary>
/// <param name="startUtc">Where the clock starts, in UTC: FakeTimeProvider adds the local offset to the ticks it was started with.</param>
public abstract class FakeClockClusterFixture(DateTimeOffset startUtc) : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(startUtc);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    public async ValueTask InitializeAsync()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "CST"));
        WakeUpReminder.RetryDueTime = TimeSpan.FromSeconds(5);
        WakeUpReminder.RetryPeriod = TimeSpan.FromSeconds(5);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            AddStorage(silo);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Time);

            // Orleans resolves its reminder clock as a keyed TimeProvider that falls back to the one above; the
            // reminders must tick in real time while the grains read the fake clock.
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
            ConfigureDomain(silo);
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

    /// <summary>The grain storage under <see cref="StorageNames.Main"/>: memory unless a fixture wraps it.</summary>
    protected virtual void AddStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(StorageNames.Main);

    /// <summary>The options of the domain under test (how often its reminders tick).</summary>
    protected abstract void ConfigureDomain(ISiloBuilder silo);
}
