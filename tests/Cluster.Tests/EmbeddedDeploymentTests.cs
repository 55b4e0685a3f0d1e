using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The embedded deployment of ./run.sh as processes — one silo on SQLite in a directory of its own, one front tier —
/// with the city's first account bootstrapped by the silo and signed in over the API: the base of the tests that
/// kill the silo and check that what was acknowledged came back.
/// </summary>
public abstract class EmbeddedDeploymentTests : IAsyncLifetime
{
    private readonly string _name;
    private readonly string _cityCode;
    private readonly string _directory;
    private readonly List<TierProcess> _processes = [];

    /// <param name="name">Names the database, the temporary directory and the bootstrap account (<c>{name}.admin</c>).</param>
    /// <param name="cityCode">The city the bootstrap account administers.</param>
    protected EmbeddedDeploymentTests(string name, string cityCode)
    {
        _name = name;
        _cityCode = cityCode;
        _directory = Directory.CreateTempSubdirectory($"liandong-{name}-").FullName;
    }

    /// <summary>The silo's environment.</summary>
    protected Dictionary<string, string> SiloSettings { get; } = new();

    /// <summary>The front tier's environment.</summary>
    protected Dictionary<string, string> ClientSettings { get; } = new();

    /// <summary>The front tier's API, with the bootstrap account's token once <see cref="StartAsync"/> returned.</summary>
    protected HttpClient Http { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        SiloSettings["Storage__Provider"] = "Sqlite";
        SiloSettings["Storage__Sqlite__Path"] = Path.Combine(_directory, _name + ".db");
        SiloSettings["Cluster__SiloPort"] = Repository.FreePort().ToString();
        SiloSettings["Cluster__GatewayPort"] = gateway;
        SiloSettings["Demo__Load"] = "false";

        // Every API call needs a token: the silo creates the city's first account, and the test signs in with it.
        SiloSettings["Accounts__Bootstrap__Username"] = _name + ".admin";
        SiloSettings["Accounts__Bootstrap__Password"] = _name + "-test-password";
        SiloSettings["Accounts__Bootstrap__CityCode"] = _cityCode;
        ClientSettings["Auth__KeyFile"] = Path.Combine(_directory, "auth", "signing.key");
        SiloSettings["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}";
        ClientSettings["Cluster__GatewayPort"] = gateway;
        ClientSettings["Urls"] = $"http://127.0.0.1:{apiPort}";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts the silo and the front tier and signs in; returns the silo, for the test to kill.</summary>
    protected async Task<TierProcess> StartAsync()
    {
        var silo = Start("Silo", SiloSettings);
        Start("Client", ClientSettings);
        await WaitUntilAsync(SignInAsync, TimeSpan.FromSeconds(90), "the API never answered");
        return silo;
    }

    /// <summary>Starts a new silo on the same database after <paramref name="killed"/> died.</summary>
    protected void RestartSilo(TierProcess killed)
    {
        _processes.Remove(killed);
        Start("Silo", SiloSettings);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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

    protected static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    protected static async Task<JsonObject> Json(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (a refused connection or a timeout counts as not yet); fails with the processes' output.</summary>
    protected Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message) =>
        Polling.UntilAsync(condition, timeout, message, () => Polling.Tails(_processes));

    private TierProcess Start(string tier, Dictionary<string, string> environment)
    {
        var process = TierProcess.Start(tier, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<bool> SignInAsync()
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/token", new { username = _name + ".admin", password = _name + "-test-password" });
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return true;
    }
}
