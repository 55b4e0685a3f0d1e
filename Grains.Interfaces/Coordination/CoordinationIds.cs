using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Liandong.Hierarchy;

namespace Liandong.Coordination;

/// <summary>
/// Keys of the coordination grains. Matters, meetings, directives and visits get a short id the system
/// assigns ("M-" + twelve Crockford base-32 characters, 60 random bits); departments and leaders are
/// named by whoever registers them.
/// </summary>
public static partial class CoordinationIds
{
    public const string Matter = "M";
    public const string Meeting = "MT";
    public const string Directive = "D";
    public const string Visit = "V";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A fresh id such as <c>M-3F9K2QX7B1ZD</c>.</summary>
    public static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var bits = BitConverter.ToUInt64(bytes);
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return prefix + "-" + new string(chars);
    }

    /// <summary>Whether a string can be the key of a matter, meeting, directive, visit or leader.</summary>
    public static bool IsWellFormed(string? id) => id is not null && KeyPattern().IsMatch(id);

    /// <summary>A department id is <c>{cityCode}-{slug}</c> with a slug of lower-case letters, digits and dashes.</summary>
    public static bool IsDepartmentId(string? id) =>
        id is not null && DepartmentPattern().IsMatch(id) && DivisionCodes.IsCity(id[..6]);

    /// <summary>The city a department belongs to, from its id.</summary>
    public static string CityOfDepartment(string departmentId) => departmentId[..6];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9]{6}-[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex DepartmentPattern();
}
