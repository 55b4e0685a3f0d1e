using System.Globalization;
using Liandong.Client.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Sign-in for API callers: a username and password for a bearer token (docs/portal.md "Sign-in").</summary>
public static class AuthApi
{
    public sealed record TokenBody(string? Username, string? Password);

    /// <summary>GET /auth/me: the signed-in user.</summary>
    public sealed record MeJson(string Username, string DisplayName, string Role, string Jurisdiction, string CityCode);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", CreateToken)
            .AllowAnonymous()
            .WithName("CreateToken").WithSummary("Exchanges a username and password for a bearer token (JWT).").WithTags("Auth");
        api.MapGet("/auth/me", GetMe)
            .WithName("GetMe").WithSummary("The signed-in user: role and jurisdiction.").WithTags("Auth");
        return api;
    }

    private static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult, TooManyAttempts>> CreateToken(
        TokenBody body, SignInService signIn, TokenIssuer tokens, HttpContext http)
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
            SignInResult.Succeeded ok => TypedResults.Ok(tokens.Issue(ok.User)),
            SignInResult.Locked locked => new TooManyAttempts(locked.RetryAfter),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The username or password is wrong."),
        };
    }

    private static Ok<MeJson> GetMe(HttpContext http)
    {
        var user = http.CurrentUser();
        return TypedResults.Ok(new MeJson(user.Username, user.DisplayName, CurrentUser.RoleName(user.Role), user.Jurisdiction, user.CityCode));
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
