using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liandong.Api.Tests;

/// <summary>
/// A real silo (the Silo project's own wiring, on a temporary SQLite file, demo off) and the Client
/// under WebApplicationFactory, connected over loopback like the two processes of ./run.sh.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-api-").FullName;
    private IHost? _silo;
    private ClientFactory? _client;

    /// <summary>A client without a token: every /api/v1 route but the token route answers it 401.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Settings both tiers share: cluster ids and ports.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public IServiceProvider SiloServices => _silo!.Services;

    public async ValueTask InitializeAsync()
    {
        var gatewayPort = FreePort();
        Settings["Cluster:Provider"] = "Localhost";
        Settings["Cluster:ClusterId"] = "api-tests";
        Settings["Cluster:ServiceId"] = "api-tests";
        Settings["Cluster:SiloPort"] = FreePort().ToString();
        Settings["Cluster:GatewayPort"] = gatewayPort.ToString();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(_directory, "api.db"),
            ["Demo:Load"] = "false",
        });
        builder.AddLiandongSilo();
        _silo = builder.Build();
        await _silo.StartAsync();

        _client = new ClientFactory(Settings);
        Http = _client.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on the way out is left in /tmp.
        }
    }

    /// <summary>
    /// A client acting as the city command office (cityAdmin) of <paramref name="cityCode"/>: the API tests
    /// test the routes' behaviour inside a jurisdiction, so they carry a token the front tier itself issued
    /// for one. Sign-in and the jurisdiction rules have their own tests (tests/Portal.Tests).
    /// </summary>
    public HttpClient AdminOf(string cityCode) => As(new CurrentUser($"api-tests.{cityCode}", "API tests", UserRole.CityAdmin, cityCode, cityCode));

    /// <summary>A client acting as the ops team of <paramref name="cityCode"/> (the dashboard is theirs).</summary>
    public HttpClient OpsOf(string cityCode) => As(new CurrentUser($"api-tests.ops.{cityCode}", "API tests", UserRole.Ops, cityCode, cityCode));

    /// <summary>A client acting as an inspector (纪检) over <paramref name="jurisdiction"/> in <paramref name="cityCode"/>.</summary>
    public HttpClient InspectorOf(string jurisdiction, string cityCode) =>
        As(new CurrentUser($"api-tests.inspector.{jurisdiction}", "API tests", UserRole.Inspector, jurisdiction, cityCode));

    /// <summary>
    /// A client carrying a token for <paramref name="user"/>. The account is created in the silo first (the front
    /// tier checks each token against its account's security stamp), unless it exists.
    /// </summary>
    public HttpClient As(CurrentUser user)
    {
        var stamp = Task.Run(() => EnsureAccountAsync(user)).GetAwaiter().GetResult();
        return WithToken(user with { Stamp = stamp });
    }

    /// <summary>A client carrying a token the front tier issued for exactly these claims (no account is created).</summary>
    public HttpClient WithToken(CurrentUser user)
    {
        var token = _client!.Services.GetRequiredService<TokenIssuer>().Issue(user);
        var client = _client.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A browser-like client (cookies kept, redirects not followed) at <paramref name="baseAddress"/>, e.g. https://localhost.</summary>
    public HttpClient Browser(Uri baseAddress) => _client!.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = baseAddress,
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>The account's security stamp, creating the account (password hash unusable) when it does not exist.</summary>
    public async Task<string> EnsureAccountAsync(CurrentUser user)
    {
        var grain = SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(user.Username);
        if (await grain.GetAsync() is null)
        {
            try
            {
                await grain.CreateAsync(new NewUser(user.DisplayName, user.Role, user.Jurisdiction, user.CityCode, "not-a-hash"), "api-tests");
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
            {
                // Another test created it meanwhile.
            }
        }

        return (await grain.GetStampAsync()).Stamp;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ClientFactory(Dictionary<string, string?> settings) : WebApplicationFactory<Liandong.Client.FrontTier>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Auth:KeyFile", Path.Combine(Path.GetTempPath(), "liandong-api-tests-" + Guid.NewGuid().ToString("N"), "signing.key"));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
