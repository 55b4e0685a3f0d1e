using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Liandong.Client.Auth;

/// <summary>An API token as the token route answers it.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, string Role, string Jurisdiction);

/// <summary>Issues the API's bearer tokens: JWTs signed with HMAC-SHA256 (the key from <see cref="SigningKeys"/>).</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, SigningKey key, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(CurrentUser user)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(user.ToClaims()),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Security, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires, CurrentUser.RoleName(user.Role), user.Jurisdiction);
    }
}

/// <summary>The resolved signing key, shared by the issuer and the bearer handler.</summary>
public sealed class SigningKey(byte[] bytes)
{
    public SymmetricSecurityKey Security { get; } = new(bytes) { KeyId = "liandong-1" };
}
