using System.Collections.Immutable;

namespace Liandong;

/// <summary>
/// What decides who may touch a project: its town (so its county and city), its owner enterprise and its linked
/// leader. A guarded grain answers it with a cheap read-only call, so an access check neither builds a whole view
/// nor changes anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectScope")]
public sealed record ProjectScope(
    [property: Id(0)] string TownCode,
    [property: Id(1)] string? OwnerCreditCode,
    [property: Id(2)] string? LeaderId);

/// <summary>What decides who may touch a matter: who raised it (a division or a project), where it is addressed, its departments.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterScope")]
public sealed record MatterScope(
    [property: Id(0)] string RaisedBy,
    [property: Id(1)] string? ProjectCode,
    [property: Id(2)] string AddressedTo,
    [property: Id(3)] ImmutableArray<string> Departments);

/// <summary>What decides who may touch a financing request: its town, its enterprise, the banks it was sent to and the bank whose offer was accepted.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinancingScope")]
public sealed record FinancingScope(
    [property: Id(0)] string TownCode,
    [property: Id(1)] string CreditCode,
    [property: Id(2)] ImmutableArray<string> Banks,
    [property: Id(3)] string? AcceptedBank);
