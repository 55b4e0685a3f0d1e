extern alias silo;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Liandong.Accounts;
using Liandong.Hierarchy;
using Liandong.Reporting;
using silo::Liandong.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liandong.Portal.Tests;

/// <summary>
/// The platform as it runs: a real silo in-process on a temporary SQLite file with the demo scenario, and
/// the Client (API and portal) under WebApplicationFactory on a real Kestrel port, so a browser can reach it.
/// A second city (Maoming 440900, with one project) is registered straight through the grains, so that
/// "outside the jurisdiction" also means another city's real data.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string OtherCity = "440900";
    public const string OtherCounty = "440902";
    public const string OtherTown = "440902001";
    public const string OtherProject = "TEST-440902-0001";

    private readonly string _dir = Directory.CreateTempSubdirectory("liandong-portal-tests-").FullName;
    private IHost? _silo;
    private ClientFactory? _client;

    /// <summary>The portal's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The silo's grain factory, for arranging and checking data without going through the API.</summary>
    public IGrainFactory Grains => _silo!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services (its health checks …).</summary>
    public IServiceProvider SiloServices => _silo!.Services;

    /// <summary>The Client's services (its endpoints, its signing key …).</summary>
    public IServiceProvider ClientServices => _client!.Services;

    public static string RepositoryRoot { get; } = FindRoot();

    public async ValueTask InitializeAsync()
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = _dir });
        siloBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(_dir, "liandong.db"),
            ["Cluster:Provider"] = "Localhost",
            ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:Load"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        });
        siloBuilder.AddLiandongSilo();
        _silo = siloBuilder.Build();
        await _silo.StartAsync();

        _client = new ClientFactory(gatewayPort, Path.Combine(_dir, "auth", "signing.key"));
        _client.UseKestrel(0);
        _client.StartServer();
        var addresses = _client.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        await WaitForDemoAsync();
        await RegisterOtherCityAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A client of the API with no token.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client of the API signed in as <paramref name="username"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string username, string password = "demo")
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The sum the demo file gives for 2023, months 1..<paramref name="month"/>, optionally only below a division.</summary>
    public static decimal DemoYtd(int month, string? within = null)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryRoot, "Silo", "Demo", "Data", "projects-2023.json"));
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("projects").EnumerateArray()
            .Where(p => within is null || DivisionCodes.IsWithin(p.GetProperty("townCode").GetString()!, within))
            .SelectMany(p => p.GetProperty("reports").EnumerateArray())
            .Where(r => r.GetProperty("year").GetInt32() == 2023 && r.GetProperty("month").GetInt32() <= month)
            .Sum(r => r.GetProperty("investmentCompleted").GetDecimal());
    }

    /// <summary>Waits until the demo scenario is loaded (its last part, the accounts, exists) and fully rolled up to the city.</summary>
    private async Task WaitForDemoAsync()
    {
        var expected = DemoYtd(5);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var users = await Grains.GetGrain<IUserDirectoryGrain>("440800").ListAsync();
            if (users.Length >= 10 && await Grains.GetGrain<ICityGrain>("440800").GetInfoAsync() is not null)
            {
                var totals = (await Grains.GetGrain<ICityGrain>("440800").GetOverviewAsync(new PeriodQuery(2023, 5))).Totals;
                // 52 projects of projects-2023.json, and the one a demo lead was converted into (PromotionDemo).
                if (totals.ProjectCount == 53 && totals.CompletedYtd == expected)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo scenario did not load and roll up within 3 minutes.");
            }

            await Task.Delay(250);
        }
    }

    private async Task RegisterOtherCityAsync()
    {
        await Grains.GetGrain<ICityGrain>(OtherCity).RegisterAsync("茂名市", "test");
        await Grains.GetGrain<ICountyGrain>(OtherCounty).RegisterAsync("茂南区", OtherCity, "test");
        await Grains.GetGrain<ITownGrain>(OtherTown).RegisterAsync("红旗街道", OtherCounty, "test");
        var project = Grains.GetGrain<IProjectGrain>(OtherProject);
        await project.RegisterAsync(new ProjectProfile(OtherProject, "茂名测试项目", OtherTown, ProjectCategory.Industry, null, ProjectStage.Continuing,
            10000m, [new AnnualPlan(2023, 2400m)], new DateOnly(2022, 1, 1), null), "test");
        await project.SubmitReportAsync(new ReportInput(2023, 5, 200m, 40m, null, []), "test");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Liandong.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Liandong.slnx not found above the test binaries.");
    }

    /// <summary>The Client, pointed at the test silo's gateway, with its signing key in the temp folder.</summary>
    private sealed class ClientFactory(int gatewayPort, string keyFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Cluster:Provider", "Localhost");
            builder.UseSetting("Cluster:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:KeyFile", keyFile);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "platform";
}
