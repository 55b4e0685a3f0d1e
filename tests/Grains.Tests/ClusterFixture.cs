using Liandong.Grains.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Liandong.Grains.Tests;

/// <summary>
/// One in-process silo with memory storage, in-memory reminders and a fake clock, shared by the grain
/// tests. Tests use their own division and project codes so they do not see each other's data.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The clock grains see: 2023-06-20, a few days after the 8 June meeting of the story.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2023, 6, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "CST"));
        WakeUpReminder.RetryDueTime = TimeSpan.FromSeconds(5);
        WakeUpReminder.RetryPeriod = TimeSpan.FromSeconds(5);
        RollupRecovery.PendingTimeout = TimeSpan.FromSeconds(1);
        RollupRecovery.PendingCheck = TimeSpan.FromMilliseconds(500);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Main);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
