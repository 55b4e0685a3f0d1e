using System.Collections.Concurrent;
using System.Security.Claims;
using Liandong.Accounts;
using Microsoft.Extensions.Options;

namespace Liandong.Client.Auth;

/// <summary>
/// Checks on each request that a token or cookie still stands for an account that may sign in: the account
/// exists, is not disabled, and its security stamp is the one the token or cookie was issued with. Disabling
/// an account (or resetting its password) changes the stamp, so what was issued before stops working at once.
/// </summary>
/// <remarks>
/// The answer of the user grain is kept for <see cref="AuthOptions.StampCacheSeconds"/> (5 s by default) per
/// username, so a busy user costs one grain call every few seconds; a change made through this front end is
/// seen at once (<see cref="Forget"/>), one made through another front end within that time. While the account's
/// grain cannot answer (its silo just went), the last answer stands for up to two minutes instead of a 503 on
/// every request; with no answer at all the request fails like any other grain call (503).
/// </remarks>
public sealed class SecurityStampCheck(IClusterClient cluster, TimeProvider time, IOptions<AuthOptions> options)
{
    private const int MaxEntries = 50_000;

    /// <summary>How old a cached answer may be and still stand in while the account's grain cannot answer.</summary>
    private static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (AccountStamp Stamp, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>Why the principal may not be used any longer, or null when it may.</summary>
    public async Task<string?> ProblemAsync(ClaimsPrincipal? principal)
    {
        if (CurrentUser.From(principal) is not { } user)
        {
            // A correctly signed token whose claims are not a Liandong user (an unknown role, a missing claim).
            return "The token does not carry a known role, jurisdiction and city.";
        }

        if (user.Stamp is null)
        {
            return "The token carries no security stamp; sign in again.";
        }

        var current = await StampAsync(user.Username);
        return !current.Active ? "The account is disabled or no longer exists."
            : current.Stamp != user.Stamp ? "The sign-in is no longer valid (the account changed); sign in again."
            : null;
    }

    /// <summary>Drops the cached answer for a username (after this front end disabled it or reset its password).</summary>
    public void Forget(string username) => _cache.TryRemove(username, out _);

    private async Task<AccountStamp> StampAsync(string username)
    {
        var now = time.GetUtcNow();
        var ttl = TimeSpan.FromSeconds(options.Value.StampCacheSeconds);
        if (_cache.TryGetValue(username, out var cached) && now - cached.At < ttl)
        {
            return cached.Stamp;
        }

        AccountStamp stamp;
        try
        {
            stamp = await cluster.GetGrain<IUserGrain>(username).GetStampAsync();
        }
        catch (Exception) when (cached.Stamp is not null && now - cached.At < StaleLimit)
        {
            // The account's grain cannot answer (its silo just died, the cluster is busy): the last answer stands
            // for a while rather than refusing every request of the user; a change needs that grain anyway.
            return cached.Stamp;
        }
        if (_cache.Count >= MaxEntries)
        {
            foreach (var (key, entry) in _cache)
            {
                if (now - entry.At >= StaleLimit)
                {
                    _cache.TryRemove(key, out _);
                }
            }
        }

        _cache[username] = (stamp, now);
        return stamp;
    }
}
