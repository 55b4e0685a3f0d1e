namespace Liandong.Finance;

/// <summary>Bank codes: a slug such as <c>icbc-zhanjiang</c>.</summary>
public static class BankCodes
{
    /// <summary>Whether <paramref name="code"/> is a bank code (<see cref="Ids.IsBankCode"/>).</summary>
    public static bool IsValid(string? code) => Ids.IsBankCode(code);
}

/// <summary>Financing request ids: <c>FR-yyyyMMdd-XXXXXX</c> when the system assigns one; any letters, digits and dashes otherwise.</summary>
public static class FinancingIds
{
    // Crockford's base-32 alphabet: no I, L, O or U, so an id read aloud or retyped is not mistaken.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Whether <paramref name="id"/> can be a financing request's key (<see cref="Ids.IsKey"/>).</summary>
    public static bool IsValid(string? id) => Ids.IsKey(id);

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
}
