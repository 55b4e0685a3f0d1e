using System.Collections.Immutable;

namespace Liandong.Accounts;

/// <summary>What a signed-in person is to the platform (DESIGN.md "Who uses it"); each account has exactly one.</summary>
public enum UserRole
{
    /// <summary>市重点项目办 / 发改局: everything in its city. Jurisdiction: the city code.</summary>
    CityAdmin = 0,
    /// <summary>市直单位: the matters assigned to it. Jurisdiction: the department id <c>{city}-{slug}</c>.</summary>
    Department = 1,
    /// <summary>县级: its county and everything below. Jurisdiction: the county code.</summary>
    CountyOfficer = 2,
    /// <summary>镇级: its town and its projects. Jurisdiction: the town code.</summary>
    TownOfficer = 3,
    /// <summary>项目业主: its own projects. Jurisdiction: the enterprise's unified social credit code.</summary>
    ProjectOwner = 4,
    /// <summary>联系领导: the projects linked to them. Jurisdiction: the leader id.</summary>
    Leader = 5,
    /// <summary>纪检 / 招投标监管: tender records and alerts of a division. Jurisdiction: a division code.</summary>
    Inspector = 6,
    /// <summary>银行: the financing requests routed to its bank. Jurisdiction: the bank code.</summary>
    BankOfficer = 7,
    /// <summary>运维: health and cluster state, no business data. Jurisdiction: the city code.</summary>
    Ops = 8,
}

/// <summary>A person's account, without its password hash.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.UserAccount")]
public sealed record UserAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] string Jurisdiction,
    [property: Id(4)] string CityCode,
    [property: Id(5)] bool IsDemo,
    [property: Id(6)] bool Disabled,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy);

/// <summary>An account to create; the front tier hashes the password before it reaches a grain.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] UserRole Role,
    [property: Id(2)] string Jurisdiction,
    [property: Id(3)] string CityCode,
    [property: Id(4)] string PasswordHash,
    [property: Id(5)] bool IsDemo = false);

/// <summary>
/// What a sign-in attempt needs from the account: the stored hash to verify against, or how long the name
/// is locked after repeated failures. An unknown or disabled name answers with no account.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.SignInTicket")]
public sealed record SignInTicket(
    [property: Id(0)] UserAccount? Account,
    [property: Id(1)] string? PasswordHash,
    [property: Id(2)] TimeSpan? RetryAfter,
    [property: Id(3)] string? SecurityStamp = null);

/// <summary>What the front tier checks a token or cookie against on each request: whether the account may still sign in, and its security stamp.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.AccountStamp")]
public sealed record AccountStamp(
    [property: Id(0)] bool Active,
    [property: Id(1)] string Stamp);
