using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Liandong.Cluster.Tests;

/// <summary>
/// Every /api/v1 route needs a bearer token of an existing, active account whose security stamp it carries
/// (docs/portal.md "Tokens"). Tests sign in as the account their silo bootstraps (<see cref="Bootstrap"/>,
/// <see cref="SignInAsync"/>). A token the test signs itself with the front ends' shared key
/// (<c>Auth__SigningKey</c>, set by <see cref="TierProcess.Start"/>) serves only while no silo is there: its stamp
/// cannot be checked, so the front end answers 503, not 401.
/// </summary>
internal static class TestTokens
{
    public static string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The city command office of <paramref name="cityCode"/>, for an hour.</summary>
    public static AuthenticationHeaderValue CityAdmin(string cityCode)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "liandong",
            ["aud"] = "liandong-api",
            ["iat"] = now,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["name"] = $"cluster-tests.{cityCode}",
            ["display_name"] = "cluster tests",
            ["role"] = "cityAdmin",
            ["jurisdiction"] = cityCode,
            ["city"] = cityCode,
            ["stamp"] = "self-signed",
        }));
        var signature = Encode(HMACSHA256.HashData(Convert.FromBase64String(SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return new AuthenticationHeaderValue("Bearer", $"{header}.{payload}.{signature}");
    }

    public const string Username = "cluster.admin";

    public const string Password = "cluster-test-password";

    /// <summary>Silo settings that create <see cref="Username"/> as the command office of <paramref name="cityCode"/> at start.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Bootstrap(string cityCode) =>
    [
        new("Accounts__Bootstrap__Username", Username),
        new("Accounts__Bootstrap__Password", Password),
        new("Accounts__Bootstrap__CityCode", cityCode),
    ];

    /// <summary>Signs in as <see cref="Username"/> through the token route and sets the bearer token on <paramref name="http"/>.</summary>
    public static async Task SignInAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync("/api/v1/auth/token",
                    new StringContent(JsonSerializer.Serialize(new { username = Username, password = Password }), Encoding.UTF8, "application/json"));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // The front end is still starting: nothing listens yet.
                await Task.Delay(250);
                continue;
            }

            using var answered = response;
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Could not sign in as {Username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            // 503 while the front end looks for the silo; 401 while the silo has not yet created the account. Failed
            // sign-ins count towards the per-client limit (ten), so those are retried slowly.
            await Task.Delay(response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? 2000 : 250);
        }
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
