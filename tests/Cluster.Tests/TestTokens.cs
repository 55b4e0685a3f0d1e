using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Liandong.Cluster.Tests;

/// <summary>
/// Every /api/v1 route needs a bearer token. The front ends these tests start share one signing key
/// (<c>Auth__SigningKey</c>, set by <see cref="TierProcess.Start"/>), and the tests sign their own tokens with
/// it — a front end started before any silo must already be able to tell a valid caller, and no account has to
/// exist for that. The tokens have the shape the front tier issues (HS256; docs/portal.md "Tokens").
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
        }));
        var signature = Encode(HMACSHA256.HashData(Convert.FromBase64String(SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return new AuthenticationHeaderValue("Bearer", $"{header}.{payload}.{signature}");
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
