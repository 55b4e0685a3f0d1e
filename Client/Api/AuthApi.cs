using System.Globalization;
using Liandong.Client.Auth;

namespace Liandong.Client.Api;

/// <summary>Sign-in for API callers: a username and password for a bearer token (docs/portal.md "Sign-in").</summary>
public static class AuthApi
{
    public sealed record TokenBody(string? Username, string? Password);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async (TokenBody body, SignInService signIn, TokenIssuer tokens, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(!string.IsNullOrWhiteSpace(body.Username), "username", "Username is required.")
                    .Require(!string.IsNullOrEmpty(body.Password), "password", "Password is required.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                return await signIn.SignInAsync(body.Username, body.Password, SignInService.ClientOf(http)) switch
                {
                    SignInResult.Succeeded ok => Results.Ok(tokens.Issue(ok.User)),
                    SignInResult.Locked locked => new TooManyAttempts(locked.RetryAfter),
                    _ => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The username or password is wrong."),
                };
            })
            .AllowAnonymous()
            .WithName("CreateToken").WithSummary("Exchanges a username and password for a bearer token (JWT).").WithTags("Auth");

        api.MapGet("/auth/me", (HttpContext http) =>
            {
                var user = http.CurrentUser();
                return Results.Ok(new
                {
                    username = user.Username,
                    displayName = user.DisplayName,
                    role = CurrentUser.RoleName(user.Role),
                    jurisdiction = user.Jurisdiction,
                    cityCode = user.CityCode,
                });
            })
            .WithName("GetMe").WithSummary("The signed-in user: role and jurisdiction.").WithTags("Auth");
        return api;
    }

    /// <summary>429 problem+json with Retry-After in whole seconds.</summary>
    private sealed class TooManyAttempts(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
                detail: $"Too many failed sign-ins (for this username, or from this address); try again in {seconds} seconds.").ExecuteAsync(httpContext);
        }
    }
}
