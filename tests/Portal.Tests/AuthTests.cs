using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Liandong.Client.Auth;
using Liandong.Reporting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Liandong.Portal.Tests;

/// <summary>Sign-in for the API: tokens, 401 without one, throttling, and the audit trail naming the signed-in user.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthTests(PlatformFixture platform)
{
    [Fact]
    public async Task EveryApiRouteExceptTheTokenRouteAnswers401ProblemWithoutAToken()
    {
        var routes = platform.ClientServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} API routes found");

        using var client = platform.Anonymous();
        var answered = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{(year)}", "2023");
            path = System.Text.RegularExpressions.Regex.Replace(path, "{(month)}", "5");
            path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "440883");
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request);
            if (pattern == "/api/v1/auth/token")
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} answered {(int)response.StatusCode} without a token");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            answered.Add($"{method} {pattern}");
        }

        Assert.Contains("GET /api/v1/cities/{code}", answered);
        Assert.Contains("PUT /api/v1/projects/{code}/reports/{year}/{month}", answered);
    }

    [Fact]
    public async Task TheTokenRouteAnswersABearerTokenWithRoleJurisdictionAndExpiry()
    {
        using var client = platform.Anonymous();
        var before = DateTimeOffset.UtcNow;
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "wuchuan.officer", password = "demo" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("countyOfficer", body.GetProperty("role").GetString());
        Assert.Equal("440883", body.GetProperty("jurisdiction").GetString());
        var expires = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - before, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
        Assert.Equal(3, body.GetProperty("accessToken").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task AWrongPasswordAnswers401ProblemAndNoToken()
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "lianjiang.officer", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingPasswordIsA400NamingTheField()
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "city.admin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheUsernameWith429AndRetryAfterEvenForTheRightPassword()
    {
        using var admin = await platform.SignedInAsync("city.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username = "throttle.test", displayName = "限流测试", role = "countyOfficer", jurisdiction = "440882", password = "correct-horse",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var client = platform.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "throttle.test", password = "wrong" });
            Assert.True(failed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"attempt {i + 1}: {(int)failed.StatusCode}");
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "throttle.test", password = "correct-horse" });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRejectedWith401()
    {
        var forged = Token(new SymmetricSecurityKey(new byte[32]), DateTime.UtcNow.AddHours(1));
        using var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        var response = await client.GetAsync("/api/v1/cities/440800");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRejectedWith401()
    {
        var key = platform.ClientServices.GetRequiredService<SigningKey>().Security;
        var expired = Token(key, DateTime.UtcNow.AddMinutes(-5));
        using var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", expired);

        var response = await client.GetAsync("/api/v1/cities/440800");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheAuditTrailRecordsTheSignedInUserNotTheClaimedHeader()
    {
        const string code = "2021-440883-48-01-321495";
        using var client = await platform.SignedInAsync("wuchuan.officer");
        client.DefaultRequestHeaders.Add("X-Liandong-Actor", "someone.else");

        var response = await client.PutAsJsonAsync($"/api/v1/projects/{code}/reports/2023/3", new { investmentCompleted = 1234.5m, progressPercent = 30 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await platform.Grains.GetGrain<IProjectGrain>(code).GetAsync(PeriodQuery.Latest);
        Assert.Equal("wuchuan.officer", view.History[^1].Actor);
        Assert.Equal("wuchuan.officer", view.Reports.Single(r => r.Year == 2023 && r.Month == 3).SubmittedBy);
    }

    [Fact]
    public async Task EveryRoleHasADemoAccountThatSignsIn()
    {
        string[] demo = ["city.admin", "wuchuan.officer", "lianjiang.officer", "tangzhui.officer", "dept.zrzyj", "owner.demo", "leader.secretary", "inspector.demo", "bank.icbc", "ops.demo"];
        var roles = new HashSet<string>();
        using var client = platform.Anonymous();
        foreach (var username in demo)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "demo" });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{username}: {(int)response.StatusCode}");
            roles.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString()!);
        }

        Assert.Equal(9, roles.Count);
    }

    [Fact]
    public async Task TenFailedSignInsFromOneClientAcrossUsernamesSlowThatClientOnlyWith429AndRetryAfter()
    {
        // A client of its own: the loopback's 127.0.0.23, so the other tests (from 127.0.0.1) are not counted with it.
        using var sprayer = FromAddress(IPAddress.Parse("127.0.0.23"));
        for (var i = 0; i < 10; i++)
        {
            var failed = await sprayer.PostAsJsonAsync("/api/v1/auth/token", new { username = $"spray.name{i}", password = "Spring2023!" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var slowed = await sprayer.PostAsJsonAsync("/api/v1/auth/token", new { username = "city.admin", password = "demo" });

        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("application/problem+json", slowed.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 10 * 60);
        using var someoneElse = FromAddress(IPAddress.Parse("127.0.0.24"));
        Assert.Equal(HttpStatusCode.OK, (await someoneElse.PostAsJsonAsync("/api/v1/auth/token", new { username = "city.admin", password = "demo" })).StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127.x address reaches the loopback listener).</summary>
    private HttpClient FromAddress(IPAddress local) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = platform.BaseAddress };

    private static string Token(SecurityKey key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "liandong",
        Audience = "liandong-api",
        Subject = new ClaimsIdentity([new("name", "city.admin"), new("role", "cityAdmin"), new("jurisdiction", "440800"), new("city", "440800")]),
        IssuedAt = expires.AddHours(-1),
        NotBefore = expires.AddHours(-1),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
