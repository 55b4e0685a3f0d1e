using System.Collections.Immutable;

namespace Liandong.Hierarchy;

/// <summary>
/// Rules of the national administrative division codes (GB/T 2260 and the statistical town codes):
/// city and county six digits, town nine; a county shares its city's first four digits; a town starts
/// with its county's code.
/// </summary>
public static class DivisionCodes
{
    public static bool IsCity(string? code) =>
        IsDigits(code, 6) && code![4..] == "00" && code[2..4] != "00";

    /// <summary>
    /// A county-level unit. Cities without counties (Dongguan, Zhongshan) carry their towns under a
    /// county-level unit with the city's own code, so a county code may end in 00.
    /// </summary>
    public static bool IsCounty(string? code) => IsDigits(code, 6) && code![2..4] != "00";

    public static bool IsTown(string? code) => IsDigits(code, 9) && IsCounty(code![..6]);

    /// <summary>The city a county belongs to, from its code.</summary>
    public static string CityOf(string countyCode) => countyCode[..4] + "00";

    /// <summary>The county a town belongs to, from its code.</summary>
    public static string CountyOf(string townCode) => townCode[..6];

    public static bool CountyBelongsTo(string countyCode, string cityCode) =>
        IsCounty(countyCode) && IsCity(cityCode) && countyCode[..4] == cityCode[..4];

    public static bool TownBelongsTo(string townCode, string countyCode) =>
        IsTown(townCode) && IsCounty(countyCode) && townCode[..6] == countyCode;

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string code, string ancestor)
    {
        if (code == ancestor)
        {
            return true;
        }

        return IsCity(ancestor) ? code.Length >= 6 && code[..4] == ancestor[..4]
            : IsCounty(ancestor) && code.Length == 9 && code[..6] == ancestor;
    }

    /// <summary>The level above a town or county; null for a city.</summary>
    public static string? ParentOf(string code) =>
        IsTown(code) ? CountyOf(code)
        : IsCity(code) ? null
        : IsCounty(code) ? CityOf(code)
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

    /// <summary>Whether a code names a town, a city or a county (a city code is also a county-level code: a city is answered first).</summary>
    public static DivisionLevel? LevelOf(string? code) =>
        IsTown(code) ? DivisionLevel.Town
        : IsCity(code) ? DivisionLevel.City
        : IsCounty(code) ? DivisionLevel.County
        : null;

    private static bool IsDigits(string? code, int length) =>
        code is not null && code.Length == length && code.All(char.IsAsciiDigit);
}
