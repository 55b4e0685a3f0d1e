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

/// <summary>What decides who may touch an enterprise: its county (its own account by its credit code).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.EnterpriseScope")]
public sealed record EnterpriseScope([property: Id(0)] string CountyCode);

/// <summary>What decides who may touch a bank: its city (its own officers by its code).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.BankScope")]
public sealed record BankScope([property: Id(0)] string CityCode);

/// <summary>What decides who may read a meeting: the city or county that holds it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MeetingScope")]
public sealed record MeetingScope([property: Id(0)] string CityCode, [property: Id(1)] string CountyCode);

/// <summary>What decides who may read a directive: its city and every county and town it reaches.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DirectiveScope")]
public sealed record DirectiveScope([property: Id(0)] string CityCode, [property: Id(1)] ImmutableArray<string> Reaches);

/// <summary>What decides who may touch a leader: the leader and its city.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeaderScope")]
public sealed record LeaderScope([property: Id(0)] string CityCode);

/// <summary>What decides who may read a visit: the leader who made it and its city.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitScope")]
public sealed record VisitScope([property: Id(0)] string LeaderId, [property: Id(1)] string CityCode);

/// <summary>What decides who may touch an investment-promotion lead: its county, the town it became a project in, its responsible leader.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadScope")]
public sealed record LeadScope(
    [property: Id(0)] string CountyCode,
    [property: Id(1)] string? TownCode,
    [property: Id(2)] string? ResponsibleLeaderId);
