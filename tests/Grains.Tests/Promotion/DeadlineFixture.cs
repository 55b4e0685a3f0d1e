using Liandong.Grains.Infrastructure;
using Liandong.Grains.Promotion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>
/// A cluster of its own for lead deadlines: the tests move its fake clock (never the shared one's), and leads
/// wake every second on a real Orleans reminder to compare that clock with their deadlines.
/// </summary>
public sealed class DeadlineFixture : IAsyncLifetime
{
    /// <summary>20 June 2023, 09:00 in China (given in UTC: FakeTimeProvider adds the local offset).</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2023, 6, 20, 1, 0, 0, TimeSpan.Zero));

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
            silo.AddMemoryGrainStorage(StorageNames.Main);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<PromotionOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Time);

            // Reminders tick in real time while the grains read the fake clock.
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

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
public sealed class DeadlineCollection : ICollectionFixture<DeadlineFixture>
{
    public const string Name = "lead-deadlines";
}
