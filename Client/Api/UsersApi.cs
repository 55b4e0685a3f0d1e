using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Accounts of the signed-in administrator's city (the city command office only).</summary>
public static class UsersApi
{
    public sealed record UserBody(string? Username, string? DisplayName, UserRole? Role, string? Jurisdiction, string? Password);

    public sealed record DisabledBody(bool? Disabled);

    /// <summary>An account as the administrator sees it (never its password).</summary>
    public sealed record UserJson(
        string Username, string DisplayName, UserRole Role, string Jurisdiction, string CityCode, bool Disabled, bool Demo,
        DateTimeOffset CreatedAt, string CreatedBy);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", ListUsers)
            .WithName("ListUsers").WithSummary("The accounts of the administrator's city.").WithTags("Users");
        api.MapPost("/users", CreateUser)
            .WithName("CreateUser").WithSummary("Adds an account with one role and one jurisdiction in the administrator's city.").WithTags("Users");
        api.MapPut("/users/{username}/disabled", SetUserDisabled)
            .WithName("SetUserDisabled").WithSummary("Disables or re-enables an account.").WithTags("Users");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UserJson>>> ListUsers(UserService users, HttpContext http) =>
        TypedResults.Ok<IReadOnlyList<UserJson>>([.. (await users.ListAsync(http.CurrentUser())).Select(Json)]);

    private static async Task<Results<Created<UserJson>, ValidationProblem>> CreateUser(UserBody body, UserService users, HttpContext http)
    {
        var user = http.CurrentUser();
        var draft = new UserDraft(body.Username, body.DisplayName, body.Role, body.Jurisdiction, body.Password);
        var problems = UserService.Validate(draft, user.CityCode);
        if (problems.Count > 0)
        {
            return FieldErrors.From(problems).ToResult();
        }

        var account = await users.CreateAsync(user, draft, Actor.Of(http));
        return TypedResults.Created($"/api/v1/users/{account.Username}", Json(account));
    }

    private static async Task<Results<Ok<UserJson>, ValidationProblem>> SetUserDisabled(string username, DisabledBody body, UserService users, HttpContext http)
    {
        if (body.Disabled is null)
        {
            return new FieldErrors().Add("disabled", "disabled is true or false.").ToResult();
        }

        return TypedResults.Ok(Json(await users.SetDisabledAsync(http.CurrentUser(), username.ToLowerInvariant(), body.Disabled.Value, Actor.Of(http))));
    }

    private static UserJson Json(UserAccount a) => new(
        a.Username, a.DisplayName, a.Role, a.Jurisdiction, a.CityCode, a.Disabled, a.IsDemo, a.CreatedAt, a.CreatedBy);
}
