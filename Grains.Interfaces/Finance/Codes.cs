using System.Text.RegularExpressions;

namespace Liandong.Finance;

/// <summary>Bank codes: a slug such as <c>icbc-zhanjiang</c>.</summary>
public static partial class BankCodes
{
    public static bool IsValid(string? code) => code is not null && code.Length <= 64 && Pattern().IsMatch(code);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}

/// <summary>Financing request ids: <c>FR-yyyyMMdd-XXXXXX</c> when the system assigns one; any letters, digits and dashes otherwise.</summary>
public static partial class FinancingIds
{
    // Crockford's base-32 alphabet: no I, L, O or U, so an id read aloud or retyped is not mistaken.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A new id for a request submitted at <paramref name="now"/>; 32^6 ids a day make a clash negligible, and a clash is refused, never merged.</summary>
    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }

        return $"FR-{now:yyyyMMdd}-{suffix}";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
