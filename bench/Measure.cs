using System.Collections.Concurrent;
using System.Diagnostics;

namespace Liandong.Bench;

/// <summary>The outcome of pushing a list of jobs through one path: how long it took and each job's latency.</summary>
/// <summary>
/// The outcome of pushing a list of jobs through one path: how long it took, each job's latency, and what this
/// process spent meanwhile (CPU time of all its threads, bytes allocated), the silo's share included.
/// </summary>
public sealed record JobsRun(TimeSpan Elapsed, double[] LatenciesMs, int Errors, string? FirstError, TimeSpan Cpu, long Allocated);

/// <summary>Timing helpers: run jobs with a fixed number in flight, percentiles.</summary>
public static class Measure
{
    /// <summary>Runs every job with <paramref name="concurrency"/> in flight at once; each job's latency is kept.</summary>
    public static async Task<JobsRun> RunAsync<T>(IReadOnlyList<T> jobs, int concurrency, Func<T, Task> run)
    {
        var latencies = new double[jobs.Count];
        var next = -1;
        var errors = 0;
        var firstError = new ConcurrentQueue<string>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(1, jobs.Count))).Select(async _ =>
        {
            // Leave the caller's context at once, so that every worker starts on the thread pool.
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < jobs.Count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await run(jobs[i]);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref errors);
                    if (firstError.IsEmpty)
                    {
                        firstError.Enqueue(ex.GetType().Name + ": " + ex.Message);
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }).ToList();
        await Task.WhenAll(workers);
        stopwatch.Stop();
        return new JobsRun(stopwatch.Elapsed, latencies, errors, firstError.TryPeek(out var e) ? e : null,
            Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated);
    }

    /// <summary>The <paramref name="q"/> quantile (nearest rank) of the samples, 0 when there are none.</summary>
    public static double Percentile(IEnumerable<double> samples, double q)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>Time of one awaited call, in milliseconds.</summary>
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>The managed heap after a full, blocking, compacting collection, and the process working set then.</summary>
    public static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}
