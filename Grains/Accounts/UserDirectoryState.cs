using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Reporting;

namespace Liandong.Grains.Accounts;

/// <summary>What the directory grain of a city persists: each account by username.</summary>
[GenerateSerializer, Alias("Liandong.UserDirectoryState")]
public sealed record UserDirectoryState
{
    [Id(0)] public ImmutableDictionary<string, UserAccount> Users { get; init; } = ImmutableDictionary<string, UserAccount>.Empty;
}
