using System.Collections.Immutable;
using Liandong.Finance;

namespace Liandong.Grains.Reporting;

/// <summary>What a project keeps of its owner, financing and factor needs (state Ids 20–29).</summary>
public sealed partial record ProjectState
{
    /// <summary>The owner enterprise (项目业主), once set.</summary>
    [Id(20)] public ProjectOwner? Owner { get; init; }

    /// <summary>The latest summary of each financing request for the project, by request id; their sum rolls up.</summary>
    [Id(21)] public ImmutableDictionary<string, FinancingRow> Financing { get; init; } = ImmutableDictionary<string, FinancingRow>.Empty;

    /// <summary>Factor needs (要素需求), met ones included.</summary>
    [Id(22)] public ImmutableArray<FactorNeed> FactorNeeds { get; init; } = [];

    /// <summary>Serial of the factor need ids the project hands out (F1, F2 …).</summary>
    [Id(23)] public int FactorSerial { get; init; }

    /// <summary>Grows with every change of the factor needs; the county index ignores older lists.</summary>
    [Id(24)] public long FactorsVersion { get; init; }
}
