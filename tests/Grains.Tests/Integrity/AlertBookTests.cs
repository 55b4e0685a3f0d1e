using System.Collections.Immutable;
using Liandong.Grains.Integrity;
using Liandong.Tenders;
using static Liandong.Grains.Tests.Integrity.Processes;

namespace Liandong.Grains.Tests.Integrity;

public sealed class AlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static ImmutableArray<Finding> Short(int days) =>
        Run(Tender("T1", t => t with { BidDeadline = Day0.AddDays(days) })).Flags("CN-window").ToImmutableArray();

    [Fact]
    public void RecomputingTheSameDataNeitherDuplicatesNorChangesAlerts()
    {
        var (first, _) = AlertBook.Merge(ImmutableDictionary<string, IntegrityFlag>.Empty, Short(15), T0);
        var (second, changed) = AlertBook.Merge(first, Short(15), T0.AddHours(1));
        Assert.Single(second);
        Assert.False(changed);
        Assert.Equal(first.Keys.Single(), second.Keys.Single());
        Assert.StartsWith("CN-window-", first.Keys.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void AReviewedAlertStaysReviewedUntilItsEvidenceChanges()
    {
        var (alerts, _) = AlertBook.Merge(ImmutableDictionary<string, IntegrityFlag>.Empty, Short(15), T0);
        var id = alerts.Keys.Single();
        alerts = alerts.SetItem(id, AlertBook.Review(alerts[id], ReviewOutcome.Dismissed, "Emergency repair, approved.", "inspector.demo", T0));

        var (same, _) = AlertBook.Merge(alerts, Short(15), T0.AddDays(1));
        Assert.Equal(FlagStatus.Dismissed, same[id].Status);

        var (changed, _) = AlertBook.Merge(alerts, Short(12), T0.AddDays(2));
        Assert.Equal(FlagStatus.Open, changed[id].Status);
        Assert.Single(changed[id].Reviews);   // the earlier review is kept
    }

    [Fact]
    public void AMovedFenceDoesNotReopenAReviewedStatisticalAlert()
    {
        var records = new[] { 0.05m, 0.05m, 0.06m, 0.06m, 0.06m, 0.07m, 0.07m, 0.001m, 0.40m }
            .Select((r, i) => Tender($"R{i}", t => t with { Bidders = Bids(Bid("A", 100m), Bid("B", 100m * (1 + r)), Bid("C", 200m)) }))
            .ToList();
        var (alerts, _) = AlertBook.Merge(ImmutableDictionary<string, IntegrityFlag>.Empty, Run([.. records]).Flags("R024"), T0);
        var id = alerts.Keys.Single();
        alerts = alerts.SetItem(id, AlertBook.Review(alerts[id], ReviewOutcome.Confirmed, "Bids prepared by one agent.", "inspector.demo", T0));

        records.Add(Tender("R9", t => t with { Bidders = Bids(Bid("A", 100m), Bid("B", 106.5m), Bid("C", 200m)) }));
        var report = Run([.. records]);
        var (after, _) = AlertBook.Merge(alerts, report.Flags("R024"), T0.AddDays(1));
        Assert.Equal(FlagStatus.Confirmed, after[id].Status);
        Assert.Equal(10, after[id].Finding.Evidence.Fence!.SampleSize);
    }

    [Fact]
    public void AnOpenAlertTheDataNoLongerRaiseIsClearedAndCannotBeReviewed()
    {
        var (alerts, _) = AlertBook.Merge(ImmutableDictionary<string, IntegrityFlag>.Empty, Short(15), T0);
        var (cleared, changed) = AlertBook.Merge(alerts, Short(20), T0.AddDays(1));
        Assert.True(changed);
        var alert = cleared.Values.Single();
        Assert.Equal(FlagStatus.Cleared, alert.Status);
        var error = Assert.Throws<DomainException>(() => AlertBook.Review(alert, ReviewOutcome.Confirmed, "x", "i", T0));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }
}
