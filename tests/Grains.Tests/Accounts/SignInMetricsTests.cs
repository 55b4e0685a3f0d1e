using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Liandong.Accounts;
using Liandong.Grains.Telemetry;

namespace Liandong.Grains.Tests.Accounts;

/// <summary>
/// liandong.signin.failures (the dashboard's "sign-in failures" panel, liandong_signin_failures_total): every failed
/// sign-in of an account is counted under its city and county, never its username.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SignInMetricsTests(ClusterFixture fixture) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Dictionary<string, object?>> _failures = new();

    [Fact]
    public async Task AFailedSignInIsCountedUnderTheAccountsCityAndCounty()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiandongMetrics.MeterName && instrument.Name == "liandong.signin.failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _failures.Enqueue(copy);
        });
        _listener.Start();

        var username = $"metrics.signin.{Guid.NewGuid():N}"[..30];
        var user = fixture.Grains.GetGrain<IUserGrain>(username);
        await user.CreateAsync(new NewUser("遂溪县发改局", UserRole.CountyOfficer, "440823", "440800", "HASH"), "admin");

        await user.RecordSignInAsync(succeeded: false);
        await user.RecordSignInAsync(succeeded: true);

        var mine = _failures.Where(t => (string?)t.GetValueOrDefault(LiandongMetrics.CountyTag) == "440823").ToList();
        var failure = Assert.Single(mine);
        Assert.Equal("440800", failure[LiandongMetrics.CityTag]);
        Assert.DoesNotContain(failure.Values, v => v is string text && text.Contains(username, StringComparison.Ordinal));
    }

    public void Dispose() => _listener.Dispose();
}
