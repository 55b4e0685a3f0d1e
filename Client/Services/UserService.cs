using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Microsoft.AspNetCore.Identity;

namespace Liandong.Client.Services;

/// <summary>An account as an administrator asks for it.</summary>
public sealed record UserDraft(string? Username, string? DisplayName, UserRole? Role, string? Jurisdiction, string? Password);

/// <summary>Accounts of a city: the city command office lists and adds them (the admin screen and <c>/api/v1/users</c>).</summary>
public sealed class UserService(IClusterClient cluster, Jurisdiction jurisdiction, IPasswordHasher<UserAccount> hasher, SecurityStampCheck stamps)
{
    public const int MinPasswordLength = 8;

    public Task<ImmutableArray<UserAccount>> ListAsync(CurrentUser user)
    {
        EnsureAdmin(user);
        return cluster.GetGrain<IUserDirectoryGrain>(user.CityCode).ListAsync();
    }

    public static IReadOnlyList<FieldProblem> Validate(UserDraft draft, string cityCode)
    {
        var problems = new List<FieldProblem>();
        if (SignInService.Normalize(draft.Username) is null)
        {
            problems.Add(new("username", "Validation.Username", "A username is 2–64 lower-case letters, digits, dots, dashes or underscores."));
        }

        if (string.IsNullOrWhiteSpace(draft.DisplayName) || draft.DisplayName.Trim().Length > 64)
        {
            problems.Add(new("displayName", "Validation.DisplayName", "A display name is required (at most 64 characters)."));
        }

        if (draft.Role is not { } role || !Enum.IsDefined(role))
        {
            problems.Add(new("role", "Validation.Role", "Role is one of cityAdmin, department, countyOfficer, townOfficer, projectOwner, leader, inspector, bankOfficer, ops."));
        }
        else if (AccountRules.JurisdictionProblem(role, draft.Jurisdiction?.Trim(), cityCode) is { } problem)
        {
            problems.Add(new("jurisdiction", "Validation.Jurisdiction", problem));
        }

        if (draft.Password is null || draft.Password.Length < MinPasswordLength || draft.Password.Length > 256)
        {
            problems.Add(new("password", "Validation.Password", $"A password has {MinPasswordLength} to 256 characters."));
        }

        return problems;
    }

    /// <summary>Creates an account in the administrator's own city; the draft must have passed <see cref="Validate"/>.</summary>
    public async Task<UserAccount> CreateAsync(CurrentUser user, UserDraft draft, string actor)
    {
        EnsureAdmin(user);
        await EnsureJurisdictionExistsAsync(draft.Role!.Value, draft.Jurisdiction!.Trim(), user.CityCode);
        var username = SignInService.Normalize(draft.Username)!;
        var account = new NewUser(draft.DisplayName!.Trim(), draft.Role!.Value, draft.Jurisdiction!.Trim(), user.CityCode,
            hasher.HashPassword(null!, draft.Password!));
        return await cluster.GetGrain<IUserGrain>(username).CreateAsync(account, actor);
    }

    /// <summary>Disables or re-enables an account of the administrator's city.</summary>
    public async Task<UserAccount> SetDisabledAsync(CurrentUser user, string username, bool disabled, string actor)
    {
        EnsureAdmin(user);
        var grain = cluster.GetGrain<IUserGrain>(username);
        var account = await grain.GetAsync() ?? throw DomainException.NotFound($"There is no account {username}.");
        jurisdiction.Ensure(user, Access.Write, Resource.Accounts(account.CityCode));

        var changed = await grain.SetDisabledAsync(disabled, actor);
        stamps.Forget(username);
        return changed;
    }

    /// <summary>
    /// A bank officer's bank must be registered in the administrator's city (an account for a bank that does not
    /// exist is a 400 naming <c>jurisdiction</c>, not an account that can never see anything).
    /// </summary>
    private async Task EnsureJurisdictionExistsAsync(UserRole role, string jurisdictionKey, string cityCode)
    {
        if (role != UserRole.BankOfficer)
        {
            return;
        }

        var bank = cluster.GetGrain<Liandong.Finance.IBankGrain>(jurisdictionKey);
        string? bankCity = null;
        try
        {
            bankCity = (await bank.GetAsync()).CityCode;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            // Not registered: refused below.
        }

        if (bankCity != cityCode)
        {
            throw DomainException.Invalid("jurisdiction", $"There is no bank {jurisdictionKey} registered in city {cityCode}; register the bank first.");
        }
    }

    private void EnsureAdmin(CurrentUser user) => jurisdiction.Ensure(user, Access.Write, Resource.Accounts(user.CityCode));
}
