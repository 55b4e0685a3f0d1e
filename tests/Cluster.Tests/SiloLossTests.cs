using System.Diagnostics;

namespace Liandong.Cluster.Tests;

/// <summary>
/// Three silos and a front tier on PostgreSQL (DESIGN.md "Processes and storage"): a silo lost in the
/// middle of a steady stream of reports loses nothing that was acknowledged, and every total comes back
/// to the sum of its projects.
/// </summary>
public sealed class SiloLossTests : IAsyncLifetime
{
    private const int Projects = 24;
    private const int Workers = 6;

    /// <summary>How long the stream runs before a silo goes, and after.</summary>
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(20);

    private PostgresCluster _cluster = null!;
    private ReportingScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync(silos: 3);
        try
        {
            _scenario = new ReportingScenario(_cluster.Api, Projects);
            await _scenario.RegisterAsync();
        }
        catch
        {
            // A failed start is not disposed by the test framework: stop the silos here, or they outlive the run.
            await _cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SigkillOfASiloMidStreamLosesNoAcknowledgedReportTotalsConvergeAndRemindersStillFire()
    {
        var stream = new ReportStream(_cluster.Api, _scenario.Projects, Workers);
        var clock = Stopwatch.StartNew();
        var stopAt = TimeSpan.MaxValue;
        var running = stream.RunAsync(() => clock.Elapsed < stopAt, TestContext.Current.CancellationToken);

        await Task.Delay(Before, TestContext.Current.CancellationToken);

        // Overdue matters whose escalation reminders first tick 5 s from now, after the kill.
        var matters = await _scenario.RaiseOverdueMattersAsync(8);
        var victim = _cluster.Silos[1];
        var acknowledgedBefore = stream.Acknowledged;
        var killedAt = DateTime.UtcNow;
        victim.Process.Kill();
        stopAt = clock.Elapsed + After;

        var declaredDead = await MeasureDeathDeclarationAsync(victim, TimeSpan.FromSeconds(60));
        var mattersEscalated = declaredDead + await _scenario.WaitForMattersEscalatedAsync(matters, TimeSpan.FromSeconds(90), () => _cluster.Logs);
        await running;
        var attempts = stream.Attempts.ToList();
        var failed = attempts.Where(a => !a.Succeeded).ToList();
        var recovered = failed.Count == 0 ? TimeSpan.Zero : failed.Max(a => a.Ended) - killedAt;
        var longest = attempts.Max(a => a.Ended - a.Started);

        var converged = await _scenario.WaitForCityTotalAsync(stream.ExpectedTotal, TimeSpan.FromSeconds(90), () => _cluster.Logs);
        var remindersCleared = await WaitForRemindersToClearAsync(TimeSpan.FromSeconds(60));

        var summary =
            $"SIGKILL of silo {victim.Number} of 3 after {acknowledgedBefore} acknowledged reports: "
            + $"declared dead after {declaredDead.TotalSeconds:0.0} s; calls failed for {recovered.TotalSeconds:0.0} s "
            + $"({failed.Count} failed of {attempts.Count} requests, {stream.Acknowledged} acknowledged, longest call {longest.TotalSeconds:0.0} s); "
            + $"city total converged {converged.TotalSeconds:0.0} s after the stream stopped, reading only the city; "
            + $"roll-up reminders all fired and cleared {remindersCleared.TotalSeconds:0.0} s after that; "
            + $"the {matters.Count} overdue matters raised just before the kill were all escalated by their reminders within {mattersEscalated.TotalSeconds:0.0} s of it.";
        Repository.Record(summary);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", failed.Take(10).Select(f => $"{f.Started:HH:mm:ss.fff} {f.Code} {f.Month}: {f.Error}")));

        await _scenario.AssertEveryAcknowledgedReportIsStoredAsync(stream);
        await _scenario.AssertEveryTotalIsTheSumOfItsProjectsAsync(stream);
        Assert.True(stream.Acknowledged > acknowledgedBefore + Projects, $"The stream did not go on after the kill: {summary}");
        Assert.True(recovered < TimeSpan.FromSeconds(45), $"Calls did not recover within 45 s: {summary}");
    }

    [Fact]
    public async Task SigtermOfASiloMidStreamFailsNoCallAtAll()
    {
        var stream = new ReportStream(_cluster.Api, _scenario.Projects, Workers);
        var clock = Stopwatch.StartNew();
        var stopAt = TimeSpan.MaxValue;
        var running = stream.RunAsync(() => clock.Elapsed < stopAt, TestContext.Current.CancellationToken);

        await Task.Delay(Before, TestContext.Current.CancellationToken);
        var victim = _cluster.Silos[1];
        var acknowledgedBefore = stream.Acknowledged;
        var stopping = Stopwatch.StartNew();
        await victim.Process.StopAsync(TimeSpan.FromSeconds(60));
        var stopped = stopping.Elapsed;
        stopAt = clock.Elapsed + TimeSpan.FromSeconds(10);
        await running;

        var attempts = stream.Attempts.ToList();
        var failed = attempts.Where(a => !a.Succeeded).ToList();
        var converged = await _scenario.WaitForCityTotalAsync(stream.ExpectedTotal, TimeSpan.FromSeconds(90), () => _cluster.Logs);
        var summary =
            $"SIGTERM of silo {victim.Number} of 3 after {acknowledgedBefore} acknowledged reports: it left in {stopped.TotalSeconds:0.0} s "
            + $"(membership status {await _cluster.MembershipStatusAsync(victim)}); {failed.Count} failed of {attempts.Count} requests, "
            + $"longest call {attempts.Max(a => a.Ended - a.Started).TotalSeconds:0.0} s; city total converged {converged.TotalSeconds:0.0} s after the stream stopped.";
        Repository.Record(summary);

        Assert.True(failed.Count == 0, $"{summary}\n" + string.Join("\n", failed.Take(10).Select(f => $"{f.Started:HH:mm:ss.fff} {f.Code} {f.Month}: {f.Error}")));
        await _scenario.AssertEveryAcknowledgedReportIsStoredAsync(stream);
        await _scenario.AssertEveryTotalIsTheSumOfItsProjectsAsync(stream);
        Assert.True(stream.Acknowledged > acknowledgedBefore + Projects, $"The stream did not go on after the stop: {summary}");
    }

    /// <summary>From the kill until the membership table says Dead (6): what the recovery waits for.</summary>
    private async Task<TimeSpan> MeasureDeathDeclarationAsync(SiloHandle silo, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await _cluster.MembershipStatusAsync(silo) == 6)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Silo {silo.Number} was not declared dead within {timeout.TotalSeconds:0} s.\n{_cluster.Logs}");
        return clock.Elapsed;
    }

    /// <summary>Every "rollup-sync" reminder removes itself on its first tick after its parent confirmed: none left means they fired.</summary>
    private async Task<TimeSpan> WaitForRemindersToClearAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long pending = -1;
        while (clock.Elapsed < timeout)
        {
            pending = await _cluster.PendingRollupRemindersAsync();
            if (pending == 0)
            {
                return clock.Elapsed;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{pending} roll-up reminders were still registered after {timeout.TotalSeconds:0} s.\n{_cluster.Logs}");
        return clock.Elapsed;
    }
}
