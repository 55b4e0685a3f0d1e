using Liandong.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Liandong.Client.Auth;

/// <summary>How a sign-in ended.</summary>
public abstract record SignInResult
{
    public sealed record Succeeded(CurrentUser User) : SignInResult;

    public sealed record Invalid : SignInResult;

    public sealed record Locked(TimeSpan RetryAfter) : SignInResult;
}

/// <summary>
/// Checks a username and password against the account grain, for the token route and the portal's login
/// page alike. Failures are counted in the user grain (see SignInThrottle), so a name locks cluster-wide.
/// </summary>
public sealed class SignInService(IClusterClient cluster, IPasswordHasher<UserAccount> hasher, ClientSignInLimiter clients, ILogger<SignInService> logger)
{
    // Verifying against a fixed hash when the name is unknown keeps the answer time the same, so that the
    // time does not tell which names exist.
    private static readonly string DecoyHash = new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    /// <summary>Signs in; <paramref name="client"/> (the remote address) is limited across usernames by <see cref="ClientSignInLimiter"/>.</summary>
    public async Task<SignInResult> SignInAsync(string? username, string? password, string? client)
    {
        client ??= "unknown";
        if (clients.RetryAfter(client) is { } clientWait)
        {
            logger.LogWarning("Sign-in refused: client {Client} made too many failed sign-ins", client);
            return new SignInResult.Locked(clientWait);
        }

        var name = Normalize(username);
        if (name is null || string.IsNullOrEmpty(password) || password.Length > 256)
        {
            clients.Failed(client);
            return new SignInResult.Invalid();
        }

        var grain = cluster.GetGrain<IUserGrain>(name);
        var ticket = await grain.BeginSignInAsync();
        if (ticket.RetryAfter is { } wait)
        {
            return new SignInResult.Locked(wait);
        }

        var verified = hasher.VerifyHashedPassword(ticket.Account!, ticket.PasswordHash ?? DecoyHash, password);
        var ok = ticket.Account is not null && verified != PasswordVerificationResult.Failed;
        var locked = await grain.RecordSignInAsync(ok);
        if (!ok)
        {
            clients.Failed(client);
            logger.LogInformation("Failed sign-in for {User}", name);
            return locked is { } retry ? new SignInResult.Locked(retry) : new SignInResult.Invalid();
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await grain.SetPasswordHashAsync(hasher.HashPassword(ticket.Account!, password), name);
        }

        return new SignInResult.Succeeded(CurrentUser.From(ticket.Account!, ticket.SecurityStamp));
    }

    /// <summary>The client a request comes from, for <see cref="ClientSignInLimiter"/>: its remote IP address.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Usernames are compared in lower case.</summary>
    public static string? Normalize(string? username)
    {
        var name = username?.Trim().ToLowerInvariant();
        return Ids.IsUsername(name) ? name : null;
    }
}
