using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liandong.Cluster.Tests;

/// <summary>
/// deploy/'s monitoring, loaded by the real thing: promtool checks the Prometheus configuration and the alert rules,
/// then a real Prometheus (Debian's package, ./test.sh installs it) scrapes a silo and a front end under light load,
/// and every PromQL expression of the Grafana dashboard's panels and every alert rule is evaluated through its HTTP
/// API. A panel's expression must parse and return series; an alert's may return none while healthy, but every
/// metric it names must exist.
/// </summary>
public sealed partial class MonitoringTests : IAsyncDisposable
{
    private const string Username = "monitor.admin";
    private const string Password = "monitor-test-password";

    private static readonly string Deploy = Path.Combine(Repository.Root, "deploy");
    private static readonly string Config = Path.Combine(Deploy, "prometheus", "prometheus.yml");
    private static readonly string KubernetesConfig = Path.Combine(Deploy, "prometheus", "prometheus-kubernetes.yml");
    private static readonly string Alerts = Path.Combine(Deploy, "prometheus", "liandong-alerts.yml");
    private static readonly string Dashboard = Path.Combine(Deploy, "grafana", "liandong-dashboard.json");

    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-monitoring-").FullName;
    private readonly List<TierProcess> _processes = [];
    private Process? _prometheus;

    [Fact]
    public async Task PromtoolAcceptsTheConfigurationAndTheRules()
    {
        var (configCode, configOutput) = await RunAsync(Tool("promtool"), ["check", "config", Config]);
        Assert.True(configCode == 0, $"promtool check config {Config}:\n{configOutput}");
        var (rulesCode, rulesOutput) = await RunAsync(Tool("promtool"), ["check", "rules", Alerts]);
        Assert.True(rulesCode == 0, $"promtool check rules {Alerts}:\n{rulesOutput}");

        // Debian builds Prometheus without Kubernetes discovery: then the rest of the file is checked with the
        // discovery block swapped for a fixed target, so the relabelling and the rule files are still promtool's.
        var (kubernetesCode, kubernetesOutput) = await RunAsync(Tool("promtool"), ["check", "config", KubernetesConfig]);
        if (kubernetesCode != 0 && kubernetesOutput.Contains("field kubernetes_sd_configs not found", StringComparison.Ordinal))
        {
            var text = await File.ReadAllTextAsync(KubernetesConfig);
            var swapped = KubernetesDiscovery().Replace(text, "    static_configs:\n      - targets: [\"pod:5081\"]\n    relabel_configs:");
            Assert.NotEqual(text, swapped);
            var copy = Path.Combine(Path.GetDirectoryName(KubernetesConfig)!, $".promtool-{Guid.NewGuid():N}.yml");
            await File.WriteAllTextAsync(copy, swapped);
            try
            {
                (kubernetesCode, kubernetesOutput) = await RunAsync(Tool("promtool"), ["check", "config", copy]);
            }
            finally
            {
                File.Delete(copy);
            }
        }

        Assert.True(kubernetesCode == 0, $"promtool check config {KubernetesConfig}:\n{kubernetesOutput}");
    }

    [GeneratedRegex(@"    kubernetes_sd_configs:.*?\n    relabel_configs:", RegexOptions.Singleline)]
    private static partial Regex KubernetesDiscovery();

    [Fact]
    public async Task EveryDashboardPanelAndAlertRuleEvaluatesAgainstARealPrometheusScrapingASiloAndAFrontEnd()
    {
        // The job names the dashboard and the alerts select by: the test's scrape configuration keeps them.
        var deployed = await File.ReadAllTextAsync(Config);
        Assert.Contains("job_name: liandong-silo", deployed);
        Assert.Contains("job_name: liandong-client", deployed);

        var gateway = Repository.FreePort().ToString();
        var siloHttp = Repository.FreePort();
        var clientHttp = Repository.FreePort();
        var silo = Start("Silo", new()
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__Sqlite__Path"] = Path.Combine(_directory, "monitoring.db"),
            ["Cluster__SiloPort"] = Repository.FreePort().ToString(),
            ["Cluster__GatewayPort"] = gateway,
            ["Demo__Load"] = "false",
            ["Accounts__Bootstrap__Username"] = Username,
            ["Accounts__Bootstrap__Password"] = Password,
            ["Accounts__Bootstrap__CityCode"] = ReportingScenario.City,
            ["Urls"] = $"http://127.0.0.1:{siloHttp}",
        });
        Start("Client", new()
        {
            ["Cluster__GatewayPort"] = gateway,
            ["Cluster__ResponseTimeout"] = "00:00:02",
            ["Urls"] = $"http://127.0.0.1:{clientHttp}",
        });

        var prometheusPort = Repository.FreePort();
        var scrape = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(scrape, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {Alerts}
            scrape_configs:
              - job_name: liandong-silo
                static_configs:
                  - targets: ["127.0.0.1:{siloHttp}"]
              - job_name: liandong-client
                static_configs:
                  - targets: ["127.0.0.1:{clientHttp}"]
            """);
        _prometheus = Process.Start(new ProcessStartInfo(Tool("prometheus"),
            [$"--config.file={scrape}", $"--storage.tsdb.path={Path.Combine(_directory, "tsdb")}", $"--web.listen-address=127.0.0.1:{prometheusPort}", "--log.level=warn"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _prometheus.OutputDataReceived += (_, _) => { };
        _prometheus.ErrorDataReceived += (_, _) => { };
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();
        using var prometheus = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}"), Timeout = TimeSpan.FromSeconds(30) };

        // Light load that touches every instrument the dashboard shows.
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{clientHttp}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilAsync(() => SignInAsync(api), TimeSpan.FromSeconds(90), "the API never answered");
        var scenario = new ReportingScenario(api, projects: 4);
        try
        {
            await LoadAsync(api, scenario, silo);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Assert.Fail($"{e.Message}\n{Logs()}");
        }

        // Prometheus has scraped both targets at least twice since the load ended (rates need two samples).
        var loaded = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await WaitUntilAsync(async () =>
        {
            var up = await QueryAsync(prometheus, "timestamp(up == 1)");
            return up.Count == 2 && up.All(s => double.Parse(s!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > loaded + 2.5);
        }, TimeSpan.FromSeconds(60), "Prometheus never scraped both targets");
        var names = (await GetAsync(prometheus, "/api/v1/label/__name__/values"))!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();

        var problems = new List<string>();

        // Every panel of the dashboard, with the county variable at "All".
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Dashboard))!;
        var panels = Panels(dashboard["panels"]!.AsArray()).ToList();
        Assert.NotEmpty(panels);
        foreach (var (title, expression) in panels)
        {
            var query = expression.Replace("$county", ".*", StringComparison.Ordinal);
            foreach (var missing in MetricNames(query).Where(n => !names.Contains(n)))
            {
                problems.Add($"panel '{title}': metric {missing} does not exist: {expression}");
            }

            var (error, series) = await TryQueryAsync(prometheus, query);
            if (error is not null)
            {
                problems.Add($"panel '{title}': {error}: {expression}");
            }
            else if (series == 0)
            {
                problems.Add($"panel '{title}': no series: {expression}");
            }
        }

        var variable = dashboard["templating"]!["list"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "county")!;
        var labelValues = LabelValues().Match(variable["definition"]!.GetValue<string>());
        Assert.True(labelValues.Success);
        var counties = (await GetAsync(prometheus, $"/api/v1/label/{labelValues.Groups[2].Value}/values?match[]={Uri.EscapeDataString(labelValues.Groups[1].Value)}"))!.AsArray();
        if (counties.Count == 0)
        {
            problems.Add($"variable county: {variable["definition"]} has no values");
        }

        // Every alert rule: loaded, evaluated without error, and naming only metrics that exist.
        var groups = (await GetAsync(prometheus, "/api/v1/rules?type=alert"))!["groups"]!.AsArray();
        var rules = groups.SelectMany(g => g!["rules"]!.AsArray()).ToList();
        var written = AlertNames().Matches(await File.ReadAllTextAsync(Alerts)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(written.Order(), rules.Select(r => r!["name"]!.GetValue<string>()).Order());
        foreach (var rule in rules)
        {
            var name = rule!["name"]!.GetValue<string>();
            var expression = rule["query"]!.GetValue<string>();
            if (rule["health"]?.GetValue<string>() is { } health && health != "ok")
            {
                problems.Add($"alert {name}: health {health} {rule["lastError"]}: {expression}");
            }

            var (error, _) = await TryQueryAsync(prometheus, expression);
            if (error is not null)
            {
                problems.Add($"alert {name}: {error}: {expression}");
            }

            foreach (var missing in MetricNames(expression).Where(n => !names.Contains(n)))
            {
                problems.Add($"alert {name}: metric {missing} does not exist: {expression}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) with deploy/'s monitoring:\n{string.Join("\n", problems)}\n"
            + $"Metric names scraped: {string.Join(" ", names.Where(n => n.StartsWith("liandong", StringComparison.Ordinal) || n.StartsWith("orleans", StringComparison.Ordinal) || n.StartsWith("http", StringComparison.Ordinal) || n.StartsWith("dotnet", StringComparison.Ordinal)).Order())}");
        Repository.Record($"Prometheus evaluated {panels.Count} dashboard expressions and {rules.Count} alert rules; {names.Count} metric names scraped");
    }

    private async Task LoadAsync(HttpClient api, ReportingScenario scenario, TierProcess silo)
    {
        await scenario.RegisterAsync();
        for (var month = 1; month <= 3; month++)
        {
            foreach (var code in scenario.Projects)
            {
                await OkAsync(api.PutAsJsonAsync($"/api/v1/projects/{code}/reports/{ReportStream.Year}/{month}", new { investmentCompleted = 100m + month }));
            }
        }

        // Refused reports: a month before the project started (the project grain refuses it), and a project that does not exist.
        using (var refused = await api.PutAsJsonAsync($"/api/v1/projects/{scenario.Projects[0]}/reports/2021/6", new { investmentCompleted = 1m }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (await api.PutAsJsonAsync($"/api/v1/projects/CL-404/reports/{ReportStream.Year}/1", new { investmentCompleted = 1m })) { }

        var matters = await scenario.RaiseOverdueMattersAsync(2);
        await OkAsync(api.PostAsJsonAsync($"/api/v1/matters/{matters[0]}/answers", new { departmentId = ReportingScenario.Department, text = "已协调" }));
        await OkAsync(api.PostAsJsonAsync($"/api/v1/matters/{matters[0]}/resolve", new { note = "解决" }));
        using (var issued = await api.PostAsJsonAsync("/api/v1/directives", new
        {
            cityCode = ReportingScenario.City, title = "监控测试任务", detail = "进度", dueDate = "2099-12-31", countyCodes = new[] { ReportingScenario.Counties[0] },
        }))
        {
            Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
            var directive = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            await OkAsync(api.PutAsJsonAsync($"/api/v1/directives/{directive}/progress/{ReportingScenario.Counties[0]}", new { percent = 40 }));
        }

        using (await api.PostAsJsonAsync("/api/v1/auth/token", new { username = Username, password = "wrong" })) { }
        // Reading a matter long past its deadline escalates it (overdue, then escalated).
        await OkAsync(api.GetAsync($"/api/v1/matters/{matters[1]}"));

        // A moment without a silo: requests shed with 503 and a front end that is not ready.
        await silo.PauseAsync();
        try
        {
            using (await api.GetAsync($"/api/v1/cities/{ReportingScenario.City}?year={ReportStream.Year}&month=3")) { }
            using (await api.GetAsync("/health/ready")) { }
        }
        finally
        {
            await silo.ResumeAsync();
        }

        await WaitUntilAsync(async () => (await api.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the front end never got ready again");

    }

    private static IEnumerable<(string Title, string Expression)> Panels(JsonArray panels)
    {
        foreach (var panel in panels)
        {
            if (panel!["panels"] is JsonArray nested)
            {
                foreach (var inner in Panels(nested))
                {
                    yield return inner;
                }
            }

            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if (target!["expr"]?.GetValue<string>() is { Length: > 0 } expression)
                {
                    yield return (panel["title"]?.GetValue<string>() ?? "?", expression);
                }
            }
        }
    }

    private static readonly HashSet<string> Keywords =
    [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan",
    ];

    /// <summary>The metric names a PromQL expression selects: identifiers left once label matchers, groupings, ranges and functions are gone.</summary>
    public static IReadOnlyList<string> MetricNames(string expression)
    {
        var text = Matchers().Replace(expression, " ");
        text = Groupings().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Groups[1].Value) && !m.Groups[2].Success)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    // An identifier that is not a number; group 2 marks a function call.
    [GeneratedRegex(@"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"label_values\((\w+),\s*(\w+)\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"-\s*alert:\s*(\S+)")]
    private static partial Regex AlertNames();

    private static async Task<JsonNode?> GetAsync(HttpClient prometheus, string path)
    {
        var body = (await prometheus.GetFromJsonAsync<JsonObject>(path))!;
        Assert.Equal("success", body["status"]!.GetValue<string>());
        return body["data"];
    }

    private static async Task<JsonArray> QueryAsync(HttpClient prometheus, string query) =>
        (await GetAsync(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString(query)))!["result"]!.AsArray();

    private static async Task<(string? Error, int Series)> TryQueryAsync(HttpClient prometheus, string query)
    {
        using var response = await prometheus.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        if (body["status"]!.GetValue<string>() != "success")
        {
            return ($"{body["errorType"]}: {body["error"]}", 0);
        }

        var result = body["data"]!["result"]!;
        return (null, result is JsonArray array ? array.Count : 1);
    }

    private static string Tool(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not installed: ./test.sh installs Debian's prometheus package (apt-get install prometheus).");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private async Task<bool> SignInAsync(HttpClient api)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/auth/token", new { username = Username, password = Password });
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return true;
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private TierProcess Start(string tier, Dictionary<string, string> environment)
    {
        var process = TierProcess.Start(tier, environment);
        _processes.Add(process);
        return process;
    }

    private string Logs() => Polling.Tails(_processes);

    private Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message) =>
        Polling.UntilAsync(condition, timeout, message, Logs);

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill();
            await _prometheus.WaitForExitAsync();
        }

        _prometheus?.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
