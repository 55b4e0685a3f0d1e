using System.Diagnostics;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Npgsql;

namespace Liandong.Bench;

/// <summary>A database to run against: the silo's storage settings and the baseline on the same database.</summary>
public sealed record BenchTarget(string Name, IReadOnlyDictionary<string, string?> StorageSettings, Func<Baseline> CreateBaseline);

/// <summary>
/// Everything measured on one database: set-up, ingest against the baseline (interleaved in slices), propagation
/// during ingest, overview reads, memory, and the final check that every level equals the SQL sums.
/// </summary>
public sealed class DatabaseRun(BenchOptions options, Workload workload, BenchTarget target, string directory)
{
    private const string Actor = "bench";

    // Latest amount per project for the main period and for the probe period, as acknowledged so far.
    private readonly long[] _latest = new long[workload.Projects.Count];
    private readonly Dictionary<int, long> _probes = [];
    private readonly List<ReportJob> _probeJobs = [];
    private readonly List<double> _propagation = [];
    private readonly List<string> _problems = [];
    private int _probeTimeouts;
    private double _settleMax;

    public async Task<DatabaseResult> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var baseline = target.CreateBaseline();
        SiloUnderTest? silo = null;
        DatabaseResult result;
        try
        {
            await baseline.CreateAsync();
            Log($"starting silo ({(options.InSilo ? "silo IGrainFactory" : "cluster client over loopback")})");
            silo = await SiloUnderTest.StartAsync(directory, target.StorageSettings, options.InSilo);
            result = await MeasureAsync(silo, baseline, total);
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }

            await baseline.DisposeAsync();

            // The in-process silo's provider pooled its connections by connection string, and they outlive it: give
            // them back, so that the restarted silo of the recovery has the server's connections a real restart has.
            NpgsqlConnection.ClearAllPools();
        }

        if (!options.NoRecovery)
        {
            // On the database this run left, with the silo as its own process, so that it can be SIGKILLed.
            var recovery = await new RecoveryRun(options, workload, target, silo!.ServiceId).RunAsync();
            if (recovery.AcknowledgedLost > 0 || recovery.CityReadsPartialNotFlagged > 0 || !recovery.Exact)
            {
                result = result with
                {
                    Correct = false,
                    Problems = [.. result.Problems, $"recovery: {recovery.AcknowledgedLost} acknowledged reports lost, "
                        + $"{recovery.CityReadsPartialNotFlagged} partial city totals shown as complete, exact: {recovery.Exact}"],
                };
            }

            result = result with { Recovery = recovery, TotalSeconds = total.Elapsed.TotalSeconds };
        }

        return result;
    }

    private async Task<DatabaseResult> MeasureAsync(SiloUnderTest silo, Baseline baseline, Stopwatch total)
    {
        var grains = silo.Grains;

        var (setup, memoryBefore) = await SetUpAsync(grains);
        Log($"set-up: {setup.Seconds:F1} s ({setup.ProjectsPerSecond:F0} projects/s)");

        var ingest = await IngestAsync(grains, baseline);
        Log($"ingest: grains {ingest.ReportsPerSecond:F0}/s, SQL {ingest.BaselinePerSecond:F0}/s, ratio {ingest.Ratio:F2}");

        // Probe reports are part of what the grains hold, so the baseline gets them too (untimed).
        foreach (var job in _probeJobs)
        {
            await baseline.WriteAsync(workload.Projects[job.Project], job);
        }

        await baseline.AnalyzeAsync();
        var overview = await ReadOverviewsAsync(grains, silo.SiloGrains, baseline);
        Log($"overview: grains p50 {overview.P50Ms:F2} ms p99 {overview.P99Ms:F2} ms; GROUP BY p50 city {overview.BaselineCityP50Ms:F2} ms, "
            + $"county {overview.BaselineCountyP50Ms:F2} ms; speed-up city {overview.SpeedupCity:F0}×, county {overview.SpeedupCounty:F0}×");

        var memoryAfter = Measure.Memory();
        var projects = workload.Projects.Count;
        var memory = new MemoryResult(
            (memoryAfter.Heap - memoryBefore.Heap) / projects,
            (memoryAfter.WorkingSet - memoryBefore.WorkingSet) / projects,
            memoryBefore.Heap, memoryAfter.Heap, memoryBefore.WorkingSet, memoryAfter.WorkingSet, projects);
        Log($"memory: {memory.BytesPerProject} B heap per project grain");

        await CheckAsync(grains, baseline);
        var propagation = new PropagationResult(
            Measure.Percentile(_propagation, 0.5), Measure.Percentile(_propagation, 0.95),
            _propagation.Count == 0 ? 0 : _propagation.Max(), _propagation.Count, _probeTimeouts);
        Log($"propagation: p50 {propagation.P50Ms:F0} ms, p95 {propagation.P95Ms:F0} ms ({propagation.Samples} samples)");
        if (ingest.Errors > 0)
        {
            _problems.Add($"{ingest.Errors} reports failed: {ingest.FirstError}");
        }

        Log(_problems.Count == 0 ? "correct: every level equals the SQL sums" : $"NOT correct: {string.Join("; ", _problems.Take(5))}");
        return new DatabaseResult(target.Name, setup, ingest, overview, propagation, memory, _settleMax, _problems.Count == 0,
            _problems.Take(20).ToList(), total.Elapsed.TotalSeconds);
    }

    private async Task<(SetupResult, (long Heap, long WorkingSet))> SetUpAsync(IGrainFactory grains)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var city in workload.Cities)
        {
            await grains.GetGrain<ICityGrain>(city).RegisterAsync($"基准市 {city}", Actor);
        }

        // A county announces itself to its city, a town to its county: one at a time per parent.
        foreach (var (county, city) in workload.Counties)
        {
            await grains.GetGrain<ICountyGrain>(county).RegisterAsync($"基准县 {county}", city, Actor);
        }

        await Task.WhenAll(workload.Towns.GroupBy(t => t.County).Select(async group =>
        {
            foreach (var (town, county) in group)
            {
                await grains.GetGrain<ITownGrain>(town).RegisterAsync($"基准镇 {town}", county, Actor);
            }
        }));
        var hierarchy = stopwatch.Elapsed.TotalSeconds;

        var before = Measure.Memory();
        var projectsStarted = Stopwatch.StartNew();
        var run = await Measure.RunAsync(workload.Projects, options.Concurrency,
            p => grains.GetGrain<IProjectGrain>(p.Code).RegisterAsync(workload.Profile(p), Actor));
        if (run.Errors > 0)
        {
            throw new InvalidOperationException($"{run.Errors} projects failed to register: {run.FirstError}");
        }

        var seconds = projectsStarted.Elapsed.TotalSeconds;
        return (new SetupResult(stopwatch.Elapsed.TotalSeconds, workload.Projects.Count / seconds, hierarchy), before);
    }

    private async Task<IngestResult> IngestAsync(IGrainFactory grains, Baseline baseline)
    {
        var slices = Slice(workload.FirstReports, options.Rounds).Append(workload.Corrections.ToArray()).Where(s => s.Length > 0).ToList();
        var grainTime = TimeSpan.Zero;
        var baselineTime = TimeSpan.Zero;
        var grainLatencies = new List<double>();
        var baselineLatencies = new List<double>();
        var errors = 0;
        string? firstError = null;
        var number = 0;
        var (grainCpu, baselineCpu) = (TimeSpan.Zero, TimeSpan.Zero);
        var (grainAllocated, baselineAllocated) = (0L, 0L);
        var (held, waited, commits) = ((0.0, 0L), (0.0, 0L), (0.0, 0L));
        using var counters = new StorageCounters();
        foreach (var slice in slices)
        {
            number++;
            var sql = await Measure.RunAsync(slice, options.Concurrency, job => baseline.WriteAsync(workload.Projects[job.Project], job));
            if (sql.Errors > 0)
            {
                throw new InvalidOperationException($"The baseline failed {sql.Errors} writes: {sql.FirstError}");
            }

            baselineTime += sql.Elapsed;
            baselineCpu += sql.Cpu;
            baselineAllocated += sql.Allocated;
            baselineLatencies.AddRange(sql.LatenciesMs);

            using var stopProbes = new CancellationTokenSource();
            var probes = ProbeAsync(grains, stopProbes.Token);
            var heldBefore = counters.Read("liandong.storage.write_held");
            var waitedBefore = counters.Read("liandong.storage.write_wait");
            var commitsBefore = counters.Read("liandong.storage.commit_batch");
            var run = await Measure.RunAsync(slice, options.Concurrency, async job =>
            {
                await grains.GetGrain<IProjectGrain>(workload.Projects[job.Project].Code).SubmitReportAsync(Workload.Input(job), Actor);
                _latest[job.Project] = job.AmountCents;
            });
            await stopProbes.CancelAsync();
            await probes;

            var heldAfter = counters.Read("liandong.storage.write_held");
            var waitedAfter = counters.Read("liandong.storage.write_wait");
            var commitsAfter = counters.Read("liandong.storage.commit_batch");
            commits = (commits.Item1 + commitsAfter.Sum - commitsBefore.Sum, commits.Item2 + commitsAfter.Count - commitsBefore.Count);
            held = (held.Item1 + heldAfter.Sum - heldBefore.Sum, held.Item2 + heldAfter.Count - heldBefore.Count);
            waited = (waited.Item1 + waitedAfter.Sum - waitedBefore.Sum, waited.Item2 + waitedAfter.Count - waitedBefore.Count);
            grainTime += run.Elapsed;
            grainCpu += run.Cpu;
            grainAllocated += run.Allocated;
            grainLatencies.AddRange(run.LatenciesMs);
            errors += run.Errors;
            firstError ??= run.FirstError;
            Log($"  slice {number}/{slices.Count}: {slice.Length} reports, SQL {slice.Length / sql.Elapsed.TotalSeconds:F0}/s, "
                + $"grains {slice.Length / run.Elapsed.TotalSeconds:F0}/s, {_propagation.Count} propagation samples");
            await SettleAsync(grains);
        }

        var reports = slices.Sum(s => s.Length);
        var perSecond = reports / grainTime.TotalSeconds;
        var baselinePerSecond = reports / baselineTime.TotalSeconds;
        return new IngestResult(reports, perSecond, baselinePerSecond, perSecond / baselinePerSecond, grainTime.TotalSeconds,
            baselineTime.TotalSeconds, Measure.Percentile(grainLatencies, 0.5), Measure.Percentile(grainLatencies, 0.99),
            Measure.Percentile(baselineLatencies, 0.5), Measure.Percentile(baselineLatencies, 0.99), errors, firstError,
            grainCpu.TotalMilliseconds / reports, baselineCpu.TotalMilliseconds / reports,
            grainCpu / grainTime, baselineCpu / baselineTime, grainAllocated / reports, baselineAllocated / reports,
            held.Item2 / (double)reports, held.Item2 == 0 ? 0 : held.Item1 / held.Item2, waited.Item2 == 0 ? 0 : waited.Item1 / waited.Item2,
            commits.Item2 == 0 ? 0 : commits.Item1 / commits.Item2);
    }

    /// <summary>
    /// One probe report at a time, for a period nothing else reports on: the city's total of that period then
    /// moves exactly when the probe arrives, so polling it tells when the probe reached the city.
    /// </summary>
    private async Task ProbeAsync(IGrainFactory grains, CancellationToken stop)
    {
        await Task.Yield();
        var random = new Random(_probeJobs.Count + 1);
        var (year, month) = workload.ProbePeriod;
        var period = new PeriodQuery(year, month);
        while (!stop.IsCancellationRequested)
        {
            var index = workload.ProbeProjects[_probeJobs.Count % workload.ProbeProjects.Count];
            var project = workload.Projects[index];
            var job = new ReportJob(index, year, month, random.NextInt64(1, 100_000_000L));
            await grains.GetGrain<IProjectGrain>(project.Code).SubmitReportAsync(Workload.Input(job), Actor);
            var acknowledged = Stopwatch.GetTimestamp();
            _probes[index] = job.AmountCents;
            _probeJobs.Add(job);
            var expected = ProbeTotal(project.City);
            var city = grains.GetGrain<ICityGrain>(project.City);
            while (true)
            {
                var overview = await city.GetOverviewAsync(period);
                var elapsed = Stopwatch.GetElapsedTime(acknowledged);
                if (overview.Totals.CompletedYtd == expected)
                {
                    _propagation.Add(elapsed.TotalMilliseconds);
                    break;
                }

                if (elapsed > TimeSpan.FromSeconds(30))
                {
                    _probeTimeouts++;
                    _propagation.Add(elapsed.TotalMilliseconds);
                    break;
                }

                await Task.Delay(5, CancellationToken.None);
            }
        }
    }

    /// <summary>Waits until every city's totals include every acknowledged report (not timed as ingest).</summary>
    private async Task SettleAsync(IGrainFactory grains)
    {
        var stopwatch = Stopwatch.StartNew();
        var period = new PeriodQuery(workload.Year, workload.Month);
        var (probeYear, probeMonth) = workload.ProbePeriod;
        foreach (var city in workload.Cities)
        {
            var expected = MainTotal(city);
            var probeExpected = ProbeTotal(city);
            var grain = grains.GetGrain<ICityGrain>(city);
            while (true)
            {
                var main = await grain.GetOverviewAsync(period);
                var probe = await grain.GetOverviewAsync(new PeriodQuery(probeYear, probeMonth));
                if (main.Totals.CompletedYtd == expected && probe.Totals.CompletedYtd == probeExpected)
                {
                    break;
                }

                if (stopwatch.Elapsed > TimeSpan.FromMinutes(3))
                {
                    _problems.Add($"city {city} did not settle within 3 minutes: {main.Totals.CompletedYtd} ≠ {expected}");
                    break;
                }

                await Task.Delay(20);
            }
        }

        _settleMax = Math.Max(_settleMax, stopwatch.Elapsed.TotalSeconds);
    }

    private async Task<OverviewResult> ReadOverviewsAsync(IGrainFactory grains, IGrainFactory siloGrains, Baseline baseline)
    {
        var period = new PeriodQuery(workload.Year, workload.Month);
        var city = workload.Cities[0];
        var counties = workload.Counties.Where(c => c.City == city).Select(c => c.Code).ToArray();
        var cityGrain = grains.GetGrain<ICityGrain>(city);

        async Task<(List<double> City, List<double> County)> ReadAsync(int count, Func<Task> readCity, Func<string, Task> readCounty)
        {
            var cityTimes = new List<double>(count);
            var countyTimes = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                cityTimes.Add(await Measure.TimeAsync(readCity));
                var county = counties[i % counties.Length];
                countyTimes.Add(await Measure.TimeAsync(() => readCounty(county)));
            }

            return (cityTimes, countyTimes);
        }

        Func<Task> grainCity = () => cityGrain.GetOverviewAsync(period);
        Func<string, Task> grainCounty = county => grains.GetGrain<ICountyGrain>(county).GetOverviewAsync(period);
        Func<Task> sqlCity = () => baseline.GroupByAsync("county", "city", city, workload.Year, workload.Month);
        Func<string, Task> sqlCounty = county => baseline.GroupByAsync("town", "county", county, workload.Year, workload.Month);

        // Warm up both paths (JIT, connection pools, page cache) before timing.
        await ReadAsync(Math.Min(100, options.Reads), grainCity, grainCounty);
        await ReadAsync(10, sqlCity, sqlCounty);

        var grainTimes = await ReadAsync(options.Reads, grainCity, grainCounty);
        var sqlTimes = await ReadAsync(options.BaselineReads, sqlCity, sqlCounty);

        // The same reads without the gateway and the wire: what the grain itself costs.
        var siloCity = siloGrains.GetGrain<ICityGrain>(city);
        var inSilo = await ReadAsync(Math.Min(options.Reads, 1_000), () => siloCity.GetOverviewAsync(period),
            county => siloGrains.GetGrain<ICountyGrain>(county).GetOverviewAsync(period));

        var all = grainTimes.City.Concat(grainTimes.County).ToList();
        var allSql = sqlTimes.City.Concat(sqlTimes.County).ToList();
        var (cityP50, countyP50) = (Measure.Percentile(grainTimes.City, 0.5), Measure.Percentile(grainTimes.County, 0.5));
        var (sqlCityP50, sqlCountyP50) = (Measure.Percentile(sqlTimes.City, 0.5), Measure.Percentile(sqlTimes.County, 0.5));
        return new OverviewResult(Measure.Percentile(all, 0.5), Measure.Percentile(all, 0.99),
            Measure.Percentile(allSql, 0.5), Measure.Percentile(allSql, 0.99),
            (sqlCityP50 + sqlCountyP50) / (cityP50 + countyP50), sqlCityP50 / cityP50, sqlCountyP50 / countyP50,
            cityP50, countyP50, sqlCityP50, sqlCountyP50,
            Measure.Percentile(sqlTimes.City, 0.99), Measure.Percentile(sqlTimes.County, 0.99),
            Measure.Percentile(inSilo.City, 0.5), Measure.Percentile(inSilo.County, 0.5), all.Count, allSql.Count);
    }

    /// <summary>Every city, county and town: the grain's totals must equal the SQL sums to the cent, in both periods.</summary>
    private async Task CheckAsync(IGrainFactory grains, Baseline baseline)
    {
        foreach (var (year, month) in new[] { (workload.Year, workload.Month), workload.ProbePeriod })
        {
            var period = new PeriodQuery(year, month);
            var byTown = (await baseline.GroupByAsync("town", null, null, year, month)).ToDictionary(g => g.Code, g => g.Cents);
            var byCounty = (await baseline.GroupByAsync("county", null, null, year, month)).ToDictionary(g => g.Code, g => g.Cents);
            var byCity = (await baseline.GroupByAsync("city", null, null, year, month)).ToDictionary(g => g.Code, g => g.Cents);

            // The SQL table itself must hold what the grains acknowledged.
            foreach (var city in workload.Cities)
            {
                var acknowledged = (year, month) == workload.ProbePeriod ? ProbeTotal(city) : MainTotal(city);
                Compare($"SQL sum of city {city} {year}-{month:D2}", acknowledged, byCity.GetValueOrDefault(city));
            }

            foreach (var city in workload.Cities)
            {
                var overview = await grains.GetGrain<ICityGrain>(city).GetOverviewAsync(period);
                Compare($"city {city} {year}-{month:D2}", overview.Totals.CompletedYtd, byCity.GetValueOrDefault(city));
                Count($"city {city}", overview.Totals.ProjectCount, workload.Projects.Count(p => p.City == city));
                foreach (var child in overview.Children)
                {
                    Compare($"county {child.Code} in city overview", child.Totals.CompletedYtd, byCounty.GetValueOrDefault(child.Code));
                }
            }

            foreach (var (county, _) in workload.Counties)
            {
                var overview = await grains.GetGrain<ICountyGrain>(county).GetOverviewAsync(period);
                Compare($"county {county} {year}-{month:D2}", overview.Totals.CompletedYtd, byCounty.GetValueOrDefault(county));
                foreach (var child in overview.Children)
                {
                    Compare($"town {child.Code} in county overview", child.Totals.CompletedYtd, byTown.GetValueOrDefault(child.Code));
                }
            }

            var projectsPerTown = workload.Projects.GroupBy(p => p.Town).ToDictionary(g => g.Key, g => g.Count());
            foreach (var (town, _) in workload.Towns)
            {
                var overview = await grains.GetGrain<ITownGrain>(town).GetOverviewAsync(period);
                Compare($"town {town} {year}-{month:D2}", overview.Totals.CompletedYtd, byTown.GetValueOrDefault(town));
                Count($"town {town}", overview.Totals.ProjectCount, projectsPerTown.GetValueOrDefault(town));
            }
        }
    }

    private void Compare(string what, decimal actual, long expectedCents)
    {
        var expected = expectedCents / Workload.CentsPerWan;
        if (actual != expected)
        {
            _problems.Add($"{what}: {actual} ≠ {expected}");
        }
    }

    private void Compare(string what, decimal actual, decimal expected)
    {
        if (actual != expected)
        {
            _problems.Add($"{what}: {actual} ≠ {expected}");
        }
    }

    private void Count(string what, int actual, int expected)
    {
        if (actual != expected)
        {
            _problems.Add($"{what} counts {actual} projects, not {expected}");
        }
    }

    private decimal MainTotal(string city) =>
        workload.Projects.Where(p => p.City == city).Sum(p => _latest[p.Index]) / Workload.CentsPerWan;

    private decimal ProbeTotal(string city) =>
        _probes.Where(p => workload.Projects[p.Key].City == city).Sum(p => p.Value) / Workload.CentsPerWan;

    private static IEnumerable<ReportJob[]> Slice(IReadOnlyList<ReportJob> jobs, int slices)
    {
        var size = (int)Math.Ceiling(jobs.Count / (double)slices);
        for (var i = 0; i < jobs.Count; i += size)
        {
            yield return jobs.Skip(i).Take(size).ToArray();
        }
    }

    private void Log(string message) => Console.WriteLine($"[{target.Name}] {message}");
}
