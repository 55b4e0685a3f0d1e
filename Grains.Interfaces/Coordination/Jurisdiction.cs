using System.Collections.Immutable;
using Liandong.Hierarchy;

namespace Liandong.Coordination;

/// <summary>Where a division code sits in the city → county → town ladder.</summary>
public static class Jurisdiction
{
    /// <summary>The level above a town or county; null for a city.</summary>
    public static string? ParentOf(string code) =>
        DivisionCodes.IsTown(code) ? DivisionCodes.CountyOf(code)
        : DivisionCodes.IsCity(code) ? null
        : DivisionCodes.IsCounty(code) ? DivisionCodes.CityOf(code)
        : null;

    /// <summary>The code itself and every level above it up to its city: town, county, city.</summary>
    public static ImmutableArray<string> SelfAndAncestors(string code)
    {
        var chain = ImmutableArray.CreateBuilder<string>();
        for (string? c = code; c is not null; c = ParentOf(c))
        {
            chain.Add(c);
        }

        return chain.ToImmutable();
    }

    public static DivisionLevel? LevelOf(string code) =>
        DivisionCodes.IsTown(code) ? DivisionLevel.Town
        : DivisionCodes.IsCity(code) ? DivisionLevel.City
        : DivisionCodes.IsCounty(code) ? DivisionLevel.County
        : null;
}
