using System.ComponentModel.DataAnnotations;

namespace Liandong.Client.Auth;

/// <summary>Sign-in settings (section <c>Auth</c>); see docs/portal.md.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The HMAC-SHA256 key that signs API tokens: at least 32 bytes, given as base64 (or as plain text of at
    /// least 32 characters). Several front ends must share it. When empty, the key is read from
    /// <see cref="KeyFile"/>, and generated there on first start.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Where a generated key is kept when <see cref="SigningKey"/> is empty, relative to the content root.</summary>
    [Required]
    public string KeyFile { get; set; } = "data/auth/signing.key";

    /// <summary>How long an API token and a portal sign-in last.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    [Required]
    public string Issuer { get; set; } = "liandong";

    [Required]
    public string Audience { get; set; } = "liandong-api";

    /// <summary>How long (seconds) the front tier keeps an account's security stamp before asking its grain again.</summary>
    [Range(0, 60)]
    public int StampCacheSeconds { get; set; } = 5;

    /// <summary>How often (seconds) an open interactive portal page checks that its account is still active and unchanged.</summary>
    [Range(1, 3600)]
    public int CircuitRevalidationSeconds { get; set; } = 30;

    /// <summary>Failed sign-ins one client (remote IP address) may make across usernames within <see cref="ClientSignInWindow"/>.</summary>
    [Range(1, 10_000)]
    public int ClientSignInFailures { get; set; } = 10;

    /// <summary>The window <see cref="ClientSignInFailures"/> counts in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClientSignInWindow { get; set; } = TimeSpan.FromMinutes(10);
}
