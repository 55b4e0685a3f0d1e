using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The front tier sheds load while the cluster cannot answer: 503 problem+json with Retry-After, quickly and
/// never a hang, and it serves again by itself once the silo is back.
/// </summary>
public sealed class LoadSheddingTests : IAsyncLifetime
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-shed-").FullName;
    private readonly Dictionary<string, string> _silo = new();
    private readonly Dictionary<string, string> _client = new();
    private readonly List<TierProcess> _processes = [];
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        _silo["Storage__Sqlite__Path"] = Path.Combine(_directory, "shed.db");
        _silo["Cluster__SiloPort"] = Repository.FreePort().ToString();
        _silo["Cluster__GatewayPort"] = gateway;
        _silo["Demo__Load"] = "false";
        foreach (var (key, value) in TestTokens.Bootstrap("449700"))
        {
            _silo[key] = value;
        }

        _silo["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}";
        _client["Cluster__GatewayPort"] = gateway;
        _client["Cluster__ResponseTimeout"] = ResponseTimeout.ToString();
        _client["Urls"] = $"http://127.0.0.1:{apiPort}";
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = TestTokens.CityAdmin("449700");
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AFrontEndStartedBeforeAnySiloAnswers503UntilTheClusterIsThere()
    {
        Start("Client", _client);
        await WaitForAsync("/health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        using var response = await _http.GetAsync("/api/v1/cities/449700");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync("/health/ready")).StatusCode);

        Start("Silo", _silo);
        var clock = Stopwatch.StartNew();
        await TestTokens.SignInAsync(_http, TimeSpan.FromSeconds(90));
        var back = clock.Elapsed + await WaitForAsync("/api/v1/cities/449700", HttpStatusCode.NotFound, TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/ready")).StatusCode);
        Repository.Record($"front end up before the silo: 503 until it came, then answered {back.TotalSeconds:0.0} s after the silo was started");
    }

    [Fact]
    public async Task WithTheSiloStoppedTheApiAnswers503WithRetryAfterAtOnceAndServesAgainWhenItIsBack()
    {
        StartBoth();
        await TestTokens.SignInAsync(_http, TimeSpan.FromSeconds(90));
        await WaitForAsync("/api/v1/cities/449700", HttpStatusCode.NotFound, TimeSpan.FromSeconds(90));
        var silo = _processes.Single(p => p.Name == "Silo");
        await silo.StopAsync(TimeSpan.FromSeconds(30));
        _processes.Remove(silo);

        var clock = Stopwatch.StartNew();
        using var response = await _http.GetAsync("/api/v1/cities/449700");
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(503, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"The 503 took {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/live")).StatusCode);

        Start("Silo", _silo);
        var back = await WaitForAsync("/api/v1/cities/449700", HttpStatusCode.NotFound, TimeSpan.FromSeconds(90));
        Repository.Record($"503 after {elapsed.TotalMilliseconds:0} ms with the silo stopped; answered again {back.TotalSeconds:0.0} s after it was started");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task WithTheSiloHungTheApiAnswers503AfterTheResponseTimeoutNotAHang()
    {
        StartBoth();
        await TestTokens.SignInAsync(_http, TimeSpan.FromSeconds(90));
        await WaitForAsync("/api/v1/cities/449700", HttpStatusCode.NotFound, TimeSpan.FromSeconds(90));
        var silo = _processes.Single(p => p.Name == "Silo");
        await silo.PauseAsync();
        TimeSpan elapsed;
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await _http.GetAsync("/api/v1/cities/449700");
            elapsed = clock.Elapsed;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(elapsed < ResponseTimeout + TimeSpan.FromSeconds(3), $"The 503 took {elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            await silo.ResumeAsync();
        }

        var back = await WaitForAsync("/api/v1/cities/449700", HttpStatusCode.NotFound, TimeSpan.FromSeconds(60));
        Repository.Record($"503 after {elapsed.TotalMilliseconds:0} ms with the silo hung (response timeout {ResponseTimeout.TotalSeconds:0} s); answered again {back.TotalSeconds:0.0} s after it resumed");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
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

    private void Start(string tier, Dictionary<string, string> environment) => _processes.Add(TierProcess.Start(tier, environment));

    private void StartBoth()
    {
        Start("Silo", _silo);
        Start("Client", _client);
    }

    /// <summary>Polls until the API answers <paramref name="status"/> (a city that is not registered: 404 means the cluster answered).</summary>
    private async Task<TimeSpan> WaitForAsync(string url, HttpStatusCode status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await _http.GetAsync(url);
                last = response.StatusCode;
                if (last == status)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{url} answered {last} instead of {status} for {timeout.TotalSeconds:0} s.\n"
            + string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Tail}")));
        return clock.Elapsed;
    }
}
