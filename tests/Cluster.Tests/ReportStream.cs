using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The deployment's test data: one city, two counties, four towns and their projects, registered through
/// the API, and what every total must come to once the reports acknowledged with 200 have rolled up.
/// </summary>
public sealed class ReportingScenario(HttpClient api, int projects)
{
    public const string City = "449800";

    public static readonly string[] Counties = ["449801", "449802"];

    public static readonly string[] Towns = ["449801101", "449801102", "449802101", "449802102"];

    public IReadOnlyList<string> Projects { get; } = Enumerable.Range(1, projects).Select(i => $"CL-{i:D2}").ToList();

    public static string TownOf(int projectIndex) => Towns[projectIndex % Towns.Length];

    public async Task RegisterAsync()
    {
        await Ok(api.PutAsJsonAsync($"/api/v1/cities/{City}", new { name = "集群测试市" }));
        foreach (var county in Counties)
        {
            await Ok(api.PutAsJsonAsync($"/api/v1/counties/{county}", new { name = "县" + county[^1], cityCode = City }));
        }

        foreach (var town in Towns)
        {
            await Ok(api.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "镇" + town[^3..], countyCode = town[..6] }));
        }

        for (var i = 0; i < Projects.Count; i++)
        {
            await Ok(api.PostAsJsonAsync("/api/v1/projects", new
            {
                code = Projects[i], name = "集群项目" + Projects[i], townCode = TownOf(i), category = "industry", stage = "continuing",
                totalInvestment = 50000, annualPlans = new[] { new { year = 2023, amount = 12000 } }, startDate = "2022-01-01",
            }));
        }
    }

    public const string Department = City + "-zrzyj";

    /// <summary>
    /// Matters (事项) raised by each town to its county, long overdue: each one's escalation reminder
    /// (<c>matter-escalation</c>) climbs it to the city on its first tick, wherever that reminder lives.
    /// </summary>
    public async Task<IReadOnlyList<string>> RaiseOverdueMattersAsync(int count)
    {
        await Ok(api.PutAsJsonAsync($"/api/v1/departments/{Department}", new { name = "市自然资源局", cityCode = City }));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var town = Towns[i % Towns.Length];
            using var response = await api.PostAsJsonAsync("/api/v1/matters", new
            {
                title = $"集群测试事项 {i + 1}", raisedBy = town, addressedTo = town[..6], departments = new[] { Department }, dueDate = "2023-01-02",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            ids.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }

        return ids;
    }

    /// <summary>
    /// Waits until the city's matter list shows every one of <paramref name="ids"/> escalated, reading only that
    /// list (a read of a matter itself would check its deadlines and escalate it without any reminder).
    /// </summary>
    public async Task<TimeSpan> WaitForMattersEscalatedAsync(IReadOnlyList<string> ids, TimeSpan timeout, Func<string> logs)
    {
        var clock = Stopwatch.StartNew();
        var escalated = 0;
        while (clock.Elapsed < timeout)
        {
            try
            {
                var list = (await api.GetFromJsonAsync<JsonArray>($"/api/v1/cities/{City}/matters"))!;
                escalated = list.Count(m => ids.Contains(m!["id"]!.GetValue<string>()) && m["escalations"]!.GetValue<int>() >= 1);
                if (escalated == ids.Count)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        Assert.Fail($"Only {escalated} of {ids.Count} overdue matters escalated within {timeout.TotalSeconds:0} s.\n{logs()}");
        return clock.Elapsed;
    }

    /// <summary>
    /// Every acknowledged report is in its project: the last one of each month is its current figure and
    /// every earlier one is in its corrections.
    /// </summary>
    public async Task AssertEveryAcknowledgedReportIsStoredAsync(ReportStream stream)
    {
        foreach (var code in Projects)
        {
            var reports = (await api.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{code}/reports"))!;
            foreach (var (month, acknowledged) in stream.AcknowledgedOf(code))
            {
                var report = reports.Single(r => r!["year"]!.GetValue<int>() == ReportStream.Year && r["month"]!.GetValue<int>() == month)!;
                Assert.Equal(acknowledged[^1], report["investmentCompleted"]!.GetValue<decimal>());
                var stored = report["corrections"]!.AsArray().Select(c => c!["investmentCompleted"]!.GetValue<decimal>())
                    .Append(report["investmentCompleted"]!.GetValue<decimal>()).ToHashSet();
                Assert.All(acknowledged, amount => Assert.Contains(amount, stored));
            }
        }
    }

    /// <summary>Each town, county and the city add up to their projects, and to what was acknowledged.</summary>
    public async Task AssertEveryTotalIsTheSumOfItsProjectsAsync(ReportStream stream)
    {
        var perProject = new Dictionary<string, decimal>();
        foreach (var code in Projects)
        {
            var project = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{code}?year={ReportStream.Year}&month=12"))!;
            perProject[code] = project["totals"]!["completedYtd"]!.GetValue<decimal>();
            Assert.Equal(stream.ExpectedTotalOf(code), perProject[code]);
        }

        for (var t = 0; t < Towns.Length; t++)
        {
            var expected = Projects.Where((_, i) => TownOf(i) == Towns[t]).Sum(p => perProject[p]);
            Assert.Equal(expected, await CompletedAsync($"/api/v1/towns/{Towns[t]}"));
        }

        foreach (var county in Counties)
        {
            var expected = Projects.Where((_, i) => TownOf(i).StartsWith(county, StringComparison.Ordinal)).Sum(p => perProject[p]);
            Assert.Equal(expected, await CompletedAsync($"/api/v1/counties/{county}"));
        }

        Assert.Equal(perProject.Values.Sum(), await CompletedAsync($"/api/v1/cities/{City}"));
    }

    /// <summary>Reads the city only, so nothing below is woken by the check: only pushes and reminders can bring it there.</summary>
    public async Task<TimeSpan> WaitForCityTotalAsync(decimal expected, TimeSpan timeout, Func<string> logs)
    {
        var clock = Stopwatch.StartNew();
        decimal actual = -1;
        while (clock.Elapsed < timeout)
        {
            try
            {
                actual = await CompletedAsync($"/api/v1/cities/{City}");
                if (actual == expected)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The city's total stayed at {actual}, not {expected}, for {timeout.TotalSeconds:0} s.\n{logs()}");
        return clock.Elapsed;
    }

    private async Task<decimal> CompletedAsync(string url)
    {
        var body = (await api.GetFromJsonAsync<JsonObject>($"{url}?year={ReportStream.Year}&month=12"))!;
        return body["totals"]!["completedYtd"]!.GetValue<decimal>();
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>
/// A steady stream of monthly reports through the API from a few concurrent workers. Every report gets a
/// new amount, so each one is a real write (a new month, or a correction); a report not answered 200 is
/// sent again until it is, as an operator's client would, so the final figures are known exactly.
/// </summary>
public sealed class ReportStream(HttpClient api, IReadOnlyList<string> projects, int workers)
{
    public const int Year = 2023;

    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<(string Code, int Month), List<decimal>> _acknowledged = new();

    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    public int Acknowledged => _acknowledged.Values.Sum(l => l.Count);

    /// <summary>Runs until <paramref name="keepGoing"/> says stop; a report already started is finished (acknowledged) first.</summary>
    public Task RunAsync(Func<bool> keepGoing, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkerAsync(w, keepGoing, cancellationToken)));

    public IEnumerable<(int Month, List<decimal> Amounts)> AcknowledgedOf(string code) =>
        _acknowledged.Where(a => a.Key.Code == code).Select(a => (a.Key.Month, a.Value));

    /// <summary>Year to date in December: the last acknowledged figure of every month.</summary>
    public decimal ExpectedTotalOf(string code) => AcknowledgedOf(code).Sum(a => a.Amounts[^1]);

    public decimal ExpectedTotal => projects.Sum(ExpectedTotalOf);

    private async Task WorkerAsync(int worker, Func<bool> keepGoing, CancellationToken cancellationToken)
    {
        var mine = projects.Where((_, i) => i % workers == worker).ToList();
        for (var round = 0; keepGoing(); round++)
        {
            foreach (var code in mine)
            {
                var month = round % 12 + 1;
                var amount = 100m + round + worker / 100m;
                await UntilAcknowledgedAsync(code, month, amount, cancellationToken);
                _acknowledged.GetOrAdd((code, month), _ => []).Add(amount);
            }
        }
    }

    private async Task UntilAcknowledgedAsync(string code, int month, decimal amount, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = DateTime.UtcNow;
            int? status = null;
            string? error = null;
            try
            {
                using var response = await api.PutAsJsonAsync($"/api/v1/projects/{code}/reports/{Year}/{month}", new { investmentCompleted = amount }, cancellationToken);
                status = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    error = $"{status} {response.Headers.RetryAfter} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            _attempts.Enqueue(new Attempt(code, month, amount, started, DateTime.UtcNow, status, error));
            if (status == 200)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}

/// <summary>One HTTP request of the stream: 200, another status, or no answer at all.</summary>
public sealed record Attempt(string Code, int Month, decimal Amount, DateTime Started, DateTime Ended, int? Status, string? Error)
{
    public bool Succeeded => Status == 200;
}
