using Liandong.Client.Auth;
using Liandong.Client.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Passwords: an account changes its own; the city command office resets one of its city's accounts.</summary>
public static class PasswordsApi
{
    public sealed record ChangeBody(string? CurrentPassword, string? NewPassword);

    public sealed record ResetBody(string? Password);

    public static RouteGroupBuilder MapPasswordsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangeOwnPassword)
            .WithName("ChangeOwnPassword").WithSummary("Changes the signed-in account's password; a wrong current password is a 400 on currentPassword and counts towards the lock.")
            .WithTags("Users");
        api.MapPut("/users/{username}/password", ResetUserPassword)
            .WithName("ResetUserPassword").WithSummary("The command office sets a new password for an account of its city.").WithTags("Users");
        return api;
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangeOwnPassword(ChangeBody body, UserService users, HttpContext http)
    {
        var errors = FieldErrors.From(UserService.ValidatePassword(body.NewPassword, "newPassword"))
            .Require(!string.IsNullOrEmpty(body.CurrentPassword) && body.CurrentPassword.Length <= 256, "currentPassword", "The current password is required.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await users.ChangeOwnPasswordAsync(http.CurrentUser(), body.CurrentPassword, body.NewPassword!);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetUserPassword(string username, ResetBody body, UserService users, HttpContext http)
    {
        var errors = FieldErrors.From(UserService.ValidatePassword(body.Password, "password"));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await users.ResetPasswordAsync(http.CurrentUser(), username.ToLowerInvariant(), body.Password!, Actor.Of(http));
        return TypedResults.NoContent();
    }
}
