using Liandong.Grains.Promotion;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>
/// A cluster of its own for lead deadlines: the tests move its fake clock (never the shared one's), and leads
/// wake every second on a real Orleans reminder to compare that clock with their deadlines.
/// </summary>
/// <remarks>20 June 2023, 09:00 in China.</remarks>
public sealed class DeadlineFixture() : FakeClockClusterFixture(new DateTimeOffset(2023, 6, 20, 1, 0, 0, TimeSpan.Zero))
{
    protected override void ConfigureDomain(ISiloBuilder silo) =>
        silo.Configure<PromotionOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(1));
}

[CollectionDefinition(Name)]
public sealed class DeadlineCollection : ICollectionFixture<DeadlineFixture>
{
    public const string Name = "lead-deadlines";
}
