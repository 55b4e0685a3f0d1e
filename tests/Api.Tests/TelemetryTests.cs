using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Liandong.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Liandong.Api.Tests;

/// <summary>What the ops team sees: one trace per report across the grain hops, /metrics, and the probes.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class TelemetryTests(ApiFixture fixture)
{
    private static readonly ActivitySource TestSource = new("Liandong.Tests");

    private HttpClient? _http;

    /// <summary>The API as the command office of the city the test works in (440800 until a test makes its own).</summary>
    private HttpClient Http => _http ??= fixture.AdminOf("440800");

    [Fact]
    public async Task OneReportIsOneTraceFromTheApiThroughProjectTownCountyToCity()
    {
        var h = await NewHierarchyAsync();
        var code = $"P-{h.City}-TRACE";
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);

        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TestSource.Name)
            .AddSource(TelemetryNames.OrleansActivitySources)
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(exported)
            .Build();

        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("operator submits a report", ActivityKind.Client)!)
        {
            traceId = root.TraceId;
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{code}/reports/2023/5")
            {
                Content = new StringContent("""{"investmentCompleted": 321.5}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("traceparent", root.Id);
            using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The town confirms before the API answers; the county and city hops follow on the pushes, in the same trace.
        List<Activity> trace = [];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (exported)
            {
                trace = exported.Where(a => a.TraceId == traceId).ToList();
            }

            // A span is exported when it ends, its parent a little later: wait for the whole tree.
            var ids = trace.Select(a => a.SpanId).ToHashSet();
            if (trace.Any(a => IsGrainCall(a, $"city/{h.City}", "AcceptSnapshotAsync"))
                && trace.Where(a => a.Source != TestSource).All(a => ids.Contains(a.ParentSpanId)))
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(Tree(trace));
        Assert.Contains(trace, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server);
        Assert.Contains(trace, a => IsGrainCall(a, $"project/{code}", "SubmitReportAsync"));
        Assert.Contains(trace, a => IsGrainCall(a, $"town/{h.Town}", "AcceptSnapshotAsync"));
        Assert.Contains(trace, a => IsGrainCall(a, $"county/{h.County}", "AcceptSnapshotAsync"));
        Assert.Contains(trace, a => IsGrainCall(a, $"city/{h.City}", "AcceptSnapshotAsync"));

        // One tree: every span but the test's root has its parent in the same trace.
        var spans = trace.Select(a => a.SpanId).ToHashSet();
        Assert.All(trace.Where(a => a.Source != TestSource), a => Assert.Contains(a.ParentSpanId, spans));
    }

    [Fact]
    public async Task MetricsEndpointShowsOrleansAndLiandongInstrumentsThatMoveWithReports()
    {
        var h = await NewHierarchyAsync();
        var code = $"P-{h.City}-METRICS";
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        var before = AcceptedReports(await ScrapeAsync());

        Assert.Equal(HttpStatusCode.OK, (await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/4", new { investmentCompleted = 10 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 20 })).Status);

        // The exporter caches a scrape for a moment: read until the counter moved, or give up after 5 s.
        var text = "";
        var after = before;
        for (var i = 0; i < 50 && after < before + 2; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            text = await ScrapeAsync();
            after = AcceptedReports(text);
        }

        Assert.True(after >= before + 2, $"liandong_api_reports_total{{outcome=accepted}} went from {before} to {after}");
        Assert.Matches(OrleansInstrument(), text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LivenessAndReadinessProbesAnswerHealthyWhileTheClusterAnswers()
    {
        var live = await Http.GetJsonAsync("/health/live");
        var ready = await Http.GetJsonAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Body!["checks"]!["cluster"]!["status"].Text());
    }

    [Fact]
    public async Task TheOrleansDashboardIsServedAtDashboardWithTheClustersSilosToTheOpsTeamOnly()
    {
        using var anonymous = await fixture.Http.GetAsync("/dashboard/DashboardCounters", TestContext.Current.CancellationToken);
        using var admin = await fixture.AdminOf("440800").GetAsync("/dashboard/DashboardCounters", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);

        _http = fixture.OpsOf("440800");
        using var page = await Http.GetAsync("/dashboard/", TestContext.Current.CancellationToken);
        var counters = await Http.GetJsonAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, counters.Status);
        Assert.Contains(counters.Body!["hosts"]!.AsArray(), host => host!["status"].Text() == "Active");
    }

    [Fact]
    public void TheServiceDefaultsListenToTheNamesOrleansAndTheGrainsUse()
    {
        Assert.Equal(Liandong.Grains.Telemetry.LiandongMetrics.MeterName, TelemetryNames.LiandongMeter);
        Assert.Contains(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, TelemetryNames.OrleansActivitySources);
        Assert.Contains(Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName, TelemetryNames.OrleansActivitySources);
        Assert.Contains(Orleans.Diagnostics.ActivitySources.LifecycleActivitySourceName, TelemetryNames.OrleansActivitySources);
        Assert.Contains(Orleans.Diagnostics.ActivitySources.StorageActivitySourceName, TelemetryNames.OrleansActivitySources);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static double AcceptedReports(string metrics)
    {
        var match = AcceptedLine().Match(metrics);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The grain's side of a call: Orleans names the span by interface and method and tags the target grain.</summary>
    private static bool IsGrainCall(Activity activity, string grainId, string method) =>
        activity.Source.Name == "Microsoft.Orleans.Application" && activity.Kind == ActivityKind.Server
        && activity.GetTagItem("orleans.rpc.target_id") as string == grainId && activity.DisplayName.EndsWith("/" + method, StringComparison.Ordinal);

    /// <summary>The trace as an indented list, for the test output (and docs/operations.md).</summary>
    private static string Tree(List<Activity> trace)
    {
        var text = new StringBuilder();
        var children = trace.ToLookup(a => a.ParentSpanId);
        var ids = trace.Select(a => a.SpanId).ToHashSet();
        void Write(Activity a, int depth)
        {
            text.Append(' ', depth * 2).Append(a.Source.Name).Append(" | ").Append(a.Kind).Append(" | ").Append(a.DisplayName)
                .Append(" | ").Append(a.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" ms | ")
                .AppendLine(string.Join(", ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")));
            foreach (var child in children[a.SpanId].OrderBy(c => c.StartTimeUtc))
            {
                Write(child, depth + 1);
            }
        }

        foreach (var root in trace.Where(a => !ids.Contains(a.ParentSpanId)).OrderBy(a => a.StartTimeUtc))
        {
            Write(root, 0);
        }

        return text.ToString();
    }

    [GeneratedRegex("""^liandong_api_reports_total\{[^}]*liandong_outcome="accepted"[^}]*\} ([0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex AcceptedLine();

    [GeneratedRegex("^orleans_[a-z_]+", RegexOptions.Multiline)]
    private static partial Regex OrleansInstrument();

    /// <summary>A fresh city for this test; from here on the test acts as its command office.</summary>
    private async Task<Hierarchy> NewHierarchyAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        _http = h.Http;
        return h;
    }
}
