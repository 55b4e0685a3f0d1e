using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Finance;

/// <summary>What a county's financing and factor index persists (state name "county-finance-index").</summary>
[GenerateSerializer, Alias("Liandong.CountyFinanceIndexState")]
public sealed record CountyFinanceIndexState
{
    /// <summary>The latest summary of each financing request of the county's projects, by request id.</summary>
    [Id(0)] public ImmutableDictionary<string, FinancingRow> Financing { get; init; } = ImmutableDictionary<string, FinancingRow>.Empty;

    /// <summary>The open factor needs of each of the county's projects, by project code.</summary>
    [Id(1)] public ImmutableDictionary<string, ProjectFactorNeeds> Factors { get; init; } = ImmutableDictionary<string, ProjectFactorNeeds>.Empty;
}
