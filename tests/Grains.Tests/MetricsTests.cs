using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Liandong.Grains.Telemetry;
using Liandong.Grains.Tests.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

/// <summary>The business instruments grains record: by city and county, never by person or project.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MetricsTests(ClusterFixture fixture) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AcceptedAndRejectedReportsAreCountedByCityAndCounty()
    {
        Listen();
        var s = await new Scenario(Grains).BuildAsync(counties: 1, townsPerCounty: 1);
        var project = await s.ProjectAsync($"M-{s.City}-A", s.Towns[0]);

        await project.SubmitReportAsync(Scenario.Report(2023, 1, 100m), "test");
        await project.SubmitReportAsync(Scenario.Report(2023, 1, 100m), "test");
        await project.SubmitReportAsync(Scenario.Report(2023, 1, 120m), "test");
        await Assert.ThrowsAsync<DomainException>(() => project.SubmitReportAsync(Scenario.Report(2023, 12, 5m), "test"));

        var mine = Of(s.Counties[0]);
        Assert.Equal(["correction", "new", "repeat"], mine.Where(m => m.Instrument == "liandong.reports.accepted")
            .Select(m => (string)m.Tags[LiandongMetrics.KindTag]!).Order());
        var rejected = Assert.Single(mine, m => m.Instrument == "liandong.reports.rejected");
        Assert.Equal("month", rejected.Tags[LiandongMetrics.ReasonTag]);
        Assert.All(mine, m => Assert.Equal(s.City, m.Tags[LiandongMetrics.CityTag]));
        Assert.All(mine, m => Assert.DoesNotContain(m.Tags.Values, v => v is string text && text.Contains($"M-{s.City}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EveryLevelRecordsThePropagationDelayOfAReportUpToTheCity()
    {
        Listen();
        var s = await new Scenario(Grains).BuildAsync(counties: 1, townsPerCounty: 1);
        var project = await s.ProjectAsync($"M-{s.City}-B", s.Towns[0]);

        await project.SubmitReportAsync(Scenario.Report(2023, 2, 50m), "test");
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 2)),
            o => o.Totals.CompletedYtd == 50m);
        var levels = await Scenario.EventuallyAsync(
            () => Task.FromResult(Of(s.Counties[0]).Where(m => m.Instrument == "liandong.rollup.propagation.delay").Select(m => (string)m.Tags[LiandongMetrics.LevelTag]!).ToHashSet()),
            l => l.Contains("city"));

        Assert.Superset(new HashSet<string> { "town", "county", "city" }, levels);
        Assert.All(Of(s.Counties[0]).Where(m => m.Instrument == "liandong.rollup.propagation.delay"), m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task MattersAreCountedWhenOpenedAnsweredResolvedOverdueAndEscalated()
    {
        Listen();
        var s = await new Scenario(Grains).BuildAsync(counties: 1, townsPerCounty: 1);
        var d = await CoordinationSetup.DepartmentsAsync(Grains, s, "zrzyj");
        var answered = await CoordinationSetup.RaiseAsync(Grains, CoordinationSetup.Draft(s.Towns[0], s.Counties[0], d, new DateOnly(2023, 12, 31)));
        await answered.AnswerAsync(d[0], "已纳入年度用地计划。", "自然资源局");
        await answered.ResolveAsync(null, "吴川市重点项目办");

        // Due before the fixture's 2023-06-20: the first check finds it overdue and climbs county → city.
        var late = await CoordinationSetup.RaiseAsync(Grains, CoordinationSetup.Draft(s.Towns[0], s.Counties[0], d, new DateOnly(2023, 6, 1)));
        await late.CheckEscalationAsync();
        await late.CheckEscalationAsync();

        var counts = Of(s.Counties[0]).GroupBy(m => m.Instrument).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, counts["liandong.matters.opened"]);
        Assert.Equal(1, counts["liandong.matters.answered"]);
        Assert.Equal(1, counts["liandong.matters.resolved"]);
        Assert.Equal(1, counts["liandong.matters.overdue"]);
        Assert.Equal(1, counts["liandong.matters.escalated"]);
    }

    [Fact]
    public void PlacesAreDerivedFromDivisionCodes()
    {
        Assert.Equal(new MetricPlace("440800", "440883"), MetricPlace.OfTown("440883107"));
        Assert.Equal(new MetricPlace("440800", "440883"), MetricPlace.Of("440883"));
        Assert.Equal(new MetricPlace("440800", null), MetricPlace.Of("440800"));
        Assert.Equal(MetricPlace.Unknown, MetricPlace.Of("not-a-code"));
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiandongMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    /// <summary>This test's measurements: other tests in the collection record too, under other county codes.</summary>
    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string county) =>
        _measurements.Where(m => m.Tags.TryGetValue(LiandongMetrics.CountyTag, out var c) && (string?)c == county).ToList();
}
