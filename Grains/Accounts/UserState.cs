using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Reporting;

namespace Liandong.Grains.Accounts;

/// <summary>What a user grain persists: the account and its password hash (never the password).</summary>
/// <remarks>A parameterless record with defaults, because Orleans creates the state of a new grain with <c>new()</c>.</remarks>
[GenerateSerializer, Alias("Liandong.UserState")]
public sealed record UserState
{
    [Id(0)] public UserAccount? Account { get; init; }

    /// <summary>ASP.NET Core's PasswordHasher format (PBKDF2 with a per-password salt).</summary>
    [Id(1)] public string? PasswordHash { get; init; }

    [Id(2)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    /// <summary>
    /// Changes whenever what a sign-in was granted on changes (the account is disabled or re-enabled, its password
    /// is reset); tokens and cookies carry it and the front tier refuses those that carry an old one. Null in
    /// accounts stored before it existed, which read as <see cref="UserGrain.InitialStamp"/>.
    /// </summary>
    [Id(3)] public string? SecurityStamp { get; init; }

    /// <summary>Counts the changes of <see cref="Account"/> (created, disabled, enabled): what the city's user directory is told.</summary>
    [Id(4)] public long Version { get; init; }

    /// <summary>The latest <see cref="Version"/> the directory confirmed, as of the last write.</summary>
    [Id(5)] public long SyncedVersion { get; init; }
}
