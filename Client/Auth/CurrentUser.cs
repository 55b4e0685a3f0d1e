using System.Security.Claims;
using Liandong.Accounts;

namespace Liandong.Client.Auth;

/// <summary>The signed-in person as every route and page sees them: one role, one jurisdiction, one city.</summary>
/// <remarks><see cref="Stamp"/> is the account's security stamp when the token or cookie was issued (SecurityStampCheck).</remarks>
public sealed record CurrentUser(string Username, string DisplayName, UserRole Role, string Jurisdiction, string CityCode, string? Stamp = null)
{
    public const string RoleClaim = "role";
    public const string JurisdictionClaim = "jurisdiction";
    public const string CityClaim = "city";
    public const string NameClaim = "name";
    public const string DisplayNameClaim = "display_name";
    public const string StampClaim = "stamp";

    public static CurrentUser From(UserAccount account, string? stamp) =>
        new(account.Username, account.DisplayName, account.Role, account.Jurisdiction, account.CityCode, stamp);

    /// <summary>The user a principal carries, or null when it is not signed in (or carries no Liandong claims).</summary>
    public static CurrentUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var name = principal.FindFirstValue(NameClaim);
        var role = principal.FindFirstValue(RoleClaim);
        var jurisdiction = principal.FindFirstValue(JurisdictionClaim);
        var city = principal.FindFirstValue(CityClaim);
        if (name is null || jurisdiction is null || city is null || !TryParseRole(role, out var parsed))
        {
            return null;
        }

        return new CurrentUser(name, principal.FindFirstValue(DisplayNameClaim) ?? name, parsed, jurisdiction, city, principal.FindFirstValue(StampClaim));
    }

    public IEnumerable<Claim> ToClaims()
    {
        List<Claim> claims =
        [
            new(NameClaim, Username),
            new(DisplayNameClaim, DisplayName),
            new(RoleClaim, RoleName(Role)),
            new(JurisdictionClaim, Jurisdiction),
            new(CityClaim, CityCode),
        ];
        if (Stamp is not null)
        {
            claims.Add(new(StampClaim, Stamp));
        }

        return claims;
    }

    public ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(ToClaims(), authenticationType, NameClaim, RoleClaim));

    /// <summary>The role as the API writes it: camelCase (<c>cityAdmin</c>, <c>countyOfficer</c> …).</summary>
    public static string RoleName(UserRole role) => char.ToLowerInvariant(role.ToString()[0]) + role.ToString()[1..];

    public static bool TryParseRole(string? value, out UserRole role) =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !value!.All(char.IsAsciiDigit);
}

/// <summary>Reads the signed-in user of a request.</summary>
public static class CurrentUserHttpExtensions
{
    /// <summary>The signed-in user; routes behind authorization always have one.</summary>
    public static CurrentUser CurrentUser(this HttpContext context) =>
        Auth.CurrentUser.From(context.User) ?? throw new InvalidOperationException("This route needs a signed-in user; is it behind RequireAuthorization?");
}
