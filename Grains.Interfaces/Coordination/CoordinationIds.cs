using System.Security.Cryptography;

namespace Liandong.Coordination;

/// <summary>
/// Keys of the coordination grains. Matters, meetings, directives and visits get a short id the system
/// assigns ("M-" + twelve Crockford base-32 characters, 60 random bits); departments and leaders are
/// named by whoever registers them.
/// </summary>
public static class CoordinationIds
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

    /// <summary>Whether a string can be the key of a matter, meeting, directive, visit or leader (<see cref="Ids.IsKey"/>).</summary>
    public static bool IsWellFormed(string? id) => Ids.IsKey(id);

    /// <summary>A department id (<see cref="Ids.IsDepartmentId"/>).</summary>
    public static bool IsDepartmentId(string? id) => Ids.IsDepartmentId(id);

    /// <summary>The city a department belongs to, from its id.</summary>
    public static string CityOfDepartment(string departmentId) => Ids.CityOfDepartment(departmentId);
}
