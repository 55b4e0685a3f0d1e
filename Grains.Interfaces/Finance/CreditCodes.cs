namespace Liandong.Finance;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the 31-character
/// set 0-9 A-H J-N P-R T-U W-Y (no I, O, Z, S, V). Position 1 is the registering authority, 2 the
/// entity type, 3–8 the administrative division of the registering authority, 9–17 the organisation code
/// (组织机构代码, GB 11714: eight characters and a check character), 18 the check character of the whole.
/// </summary>
/// <remarks>
/// What is enforced: the length, the character set, positions 3–8 being six digits, and the check
/// character at position 18 (weights 3^(i−1) mod 31 for positions 1..17, check = 31 − (sum mod 31),
/// 31 → 0). The GB 11714 check character of the organisation code (position 17) is computed and reported
/// by <see cref="HasValidOrganizationCode"/>, but a code that fails it is not refused: codes issued to
/// individual businesses (个体工商户) and some early codes carry organisation-code parts that do not follow
/// GB 11714, and refusing a code the registration authority actually issued would lock that enterprise out.
/// The table of authority and type codes (positions 1–2) is not enforced either: it has grown since 2015.
/// </remarks>
public static class CreditCodes
{
    /// <summary>The GB 32100 character set, in the order of the values 0..30.</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Trims and upper-cases a code as typed, so that lower-case input finds the same enterprise.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Whether the code is a well-formed unified social credit code with the right check character.</summary>
    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>Why the code is not valid, or null when it is.</summary>
    public static string? Problem(string? code)
    {
        if (code is null || code.Length != 18)
        {
            return "A unified social credit code (统一社会信用代码) has 18 characters.";
        }

        foreach (var c in code)
        {
            if (Charset.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return $"'{c}' cannot appear in a unified social credit code: it uses 0-9 and the capital letters A-Y except I, O, S, V and Z.";
            }
        }

        if (code.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
        {
            return "Characters 3–8 of a unified social credit code are the six-digit division code of the registering authority.";
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected
            ? null
            : $"The check character (校验码) of {code} should be '{expected}', not '{code[17]}'.";
    }

    /// <summary>The GB 32100 check character for the first 17 characters of a code.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("The check character is computed over 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the GB 32100 character set.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Charset[(31 - sum % 31) % 31];
    }

    /// <summary>Completes 17 characters into a valid 18-character code (for demo data and tests).</summary>
    public static string Complete(string first17) => first17 + CheckCharacter(first17);

    /// <summary>The GB 11714 check character for the eight-character body of an organisation code.</summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8)
        {
            throw new ArgumentException("An organisation code body has eight characters.", nameof(body8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10
                : throw new ArgumentException($"'{c}' cannot appear in an organisation code.", nameof(body8));
            sum += value * OrganizationWeights[i];
        }

        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>Whether positions 9–17 of a valid code form an organisation code with a correct GB 11714 check character.</summary>
    public static bool HasValidOrganizationCode(string code) =>
        IsValid(code) && OrganizationCheckCharacter(code.AsSpan(8, 8)) == code[16];
}
