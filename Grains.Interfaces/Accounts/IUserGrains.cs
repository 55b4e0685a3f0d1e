using System.Collections.Immutable;

namespace Liandong.Accounts;

/// <summary>A person's account (用户), keyed by the lower-case username.</summary>
[Alias("Liandong.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; an existing username is a conflict.</summary>
    [Alias("Create")]
    Task<UserAccount> CreateAsync(NewUser user, string actor);

    /// <summary>The account, or null when none exists under this name.</summary>
    [Alias("Get")]
    Task<UserAccount?> GetAsync();

    /// <summary>Starts a sign-in: the stored hash, or the time left while the name is locked.</summary>
    [Alias("BeginSignIn")]
    Task<SignInTicket> BeginSignInAsync();

    /// <summary>Records the outcome of a sign-in; answers how long the name is now locked, if it is.</summary>
    [Alias("RecordSignIn")]
    Task<TimeSpan?> RecordSignInAsync(bool succeeded);

    /// <summary>Replaces the password hash (a reset by an administrator, or a re-hash with stronger parameters).</summary>
    [Alias("SetPasswordHash")]
    Task SetPasswordHashAsync(string passwordHash, string actor);

    /// <summary>Disables or re-enables the account; a disabled account cannot sign in, and its tokens and cookies stop working (a new security stamp).</summary>
    [Alias("SetDisabled")]
    Task<UserAccount> SetDisabledAsync(bool disabled, string actor);

    /// <summary>Replaces the password hash and the security stamp: every token and cookie issued before stops working.</summary>
    [Alias("ResetPassword")]
    Task ResetPasswordAsync(string passwordHash, string actor);

    /// <summary>Whether the account may sign in (it exists and is not disabled), and its current security stamp.</summary>
    [Alias("GetStamp")]
    Task<AccountStamp> GetStampAsync();
}

/// <summary>The accounts of one city (用户目录), keyed by the city code: the list the admin screen shows.</summary>
[Alias("Liandong.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Lists or updates an account (called by the user grain after it persisted the change).</summary>
    [Alias("Upsert")]
    Task UpsertAsync(UserAccount account);

    /// <summary>Every account of the city, by username.</summary>
    [Alias("List")]
    Task<ImmutableArray<UserAccount>> ListAsync();
}
