using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Client.Services;

namespace Liandong.Client.Api;

/// <summary>Accounts of the signed-in administrator's city (the city command office only).</summary>
public static class UsersApi
{
    public sealed record UserBody(string? Username, string? DisplayName, UserRole? Role, string? Jurisdiction, string? Password);

    public sealed record DisabledBody(bool? Disabled);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", async (UserService users, HttpContext http) =>
                Results.Ok((await users.ListAsync(http.CurrentUser())).Select(Json)))
            .WithName("ListUsers").WithSummary("The accounts of the administrator's city.").WithTags("Users");

        api.MapPost("/users", async (UserBody body, UserService users, HttpContext http) =>
            {
                var user = http.CurrentUser();
                var draft = new UserDraft(body.Username, body.DisplayName, body.Role, body.Jurisdiction, body.Password);
                var problems = UserService.Validate(draft, user.CityCode);
                if (problems.Count > 0)
                {
                    return FieldErrors.From(problems).ToResult();
                }

                var account = await users.CreateAsync(user, draft, Actor.Of(http));
                return Results.Created($"/api/v1/users/{account.Username}", Json(account));
            })
            .WithName("CreateUser").WithSummary("Adds an account with one role and one jurisdiction in the administrator's city.").WithTags("Users");

        api.MapPut("/users/{username}/disabled", async (string username, DisabledBody body, UserService users, HttpContext http) =>
            {
                if (body.Disabled is null)
                {
                    return new FieldErrors().Add("disabled", "disabled is true or false.").ToResult();
                }

                return Results.Ok(Json(await users.SetDisabledAsync(http.CurrentUser(), username.ToLowerInvariant(), body.Disabled.Value, Actor.Of(http))));
            })
            .WithName("SetUserDisabled").WithSummary("Disables or re-enables an account.").WithTags("Users");
        return api;
    }

    private static object Json(UserAccount a) => new
    {
        username = a.Username,
        displayName = a.DisplayName,
        role = a.Role,
        jurisdiction = a.Jurisdiction,
        cityCode = a.CityCode,
        disabled = a.Disabled,
        demo = a.IsDemo,
        createdAt = a.CreatedAt,
        createdBy = a.CreatedBy,
    };
}
