using System.Text.RegularExpressions;
using Liandong.Finance;
using Liandong.Hierarchy;

namespace Liandong;

/// <summary>
/// The shapes of every identifier a person types or a route carries, in one place: the API routes, the portal's
/// forms, the import sheets and the grains all ask these, so that an id one path accepts is never refused by
/// another (a department id that names a department is also one a factor need, an account and a matter accept;
/// a bank code an account names is one a bank can be registered under). Division codes are
/// <see cref="DivisionCodes"/>'; the credit code's check character is <see cref="CreditCodes"/>'.
/// </summary>
public static partial class Ids
{
    /// <summary>The longest key (project code, matter, meeting, directive, visit or leader id, financing request id, slug).</summary>
    public const int MaxKey = 64;

    /// <summary>The longest slug after a department's city code (<c>440800-</c> + at most 40).</summary>
    public const int MaxDepartmentSlug = 40;

    /// <summary>
    /// A key: a letter or digit, then letters, digits and dashes, at most <see cref="MaxKey"/>. Project codes,
    /// the keys of matters, meetings, directives, visits and leaders, and financing request ids have this shape.
    /// </summary>
    public static bool IsKey(string? id) => id is not null && KeyPattern().IsMatch(id);

    /// <summary>A project code (项目编号): a <see cref="IsKey">key</see>.</summary>
    public static bool IsProjectCode(string? code) => IsKey(code);

    /// <summary>A leader id: a <see cref="IsKey">key</see> (the same for the leader grain and a leader's account).</summary>
    public static bool IsLeaderId(string? id) => IsKey(id);

    /// <summary>
    /// A slug: lower-case letters and digits in dash-separated words (<c>icbc-zhanjiang</c>), no leading, trailing
    /// or double dash, at most <see cref="MaxKey"/>.
    /// </summary>
    public static bool IsSlug(string? value) => value is not null && value.Length <= MaxKey && SlugPattern().IsMatch(value);

    /// <summary>A bank code (<c>icbc-zhanjiang</c>): a <see cref="IsSlug">slug</see>, for the bank grain and a bank officer's account alike.</summary>
    public static bool IsBankCode(string? code) => IsSlug(code);

    /// <summary>
    /// A department id <c>{cityCode}-{slug}</c>, e.g. <c>440800-zrzyj</c> (市自然资源局): a city code, a dash and a
    /// <see cref="IsSlug">slug</see> of at most <see cref="MaxDepartmentSlug"/> characters. Referrers share the shape.
    /// </summary>
    public static bool IsDepartmentId(string? id) =>
        id is { Length: > 7 } && id.Length <= 7 + MaxDepartmentSlug && id[6] == '-' && DivisionCodes.IsCity(id[..6]) && IsSlug(id[7..]);

    /// <summary>The city a department (or referrer) belongs to, from its id.</summary>
    public static string CityOfDepartment(string departmentId) => departmentId[..6];

    /// <summary>A username: lower-case letters, digits, dots, dashes and underscores; 2–64 characters.</summary>
    public static bool IsUsername(string? name) => name is not null && UsernamePattern().IsMatch(name);

    /// <summary>
    /// The shape of a unified social credit code (统一社会信用代码): 18 characters of its alphabet
    /// (<see cref="CreditCodes.Charset"/>). Whether its check character is right is <see cref="CreditCodes.IsValid"/>.
    /// </summary>
    public static bool IsCreditCodeShape(string? code) =>
        code is { Length: 18 } && code.AsSpan().IndexOfAnyExcept(CreditCodeAlphabet) < 0;

    /// <summary>
    /// Whether an id was meant as a credit code: 18 digits and capital letters starting with a digit. A bidder id
    /// that looks like one must then be a valid one (<see cref="CreditCodes.Problem"/>); other ids pass as they are.
    /// </summary>
    public static bool LooksLikeCreditCode(string? id) =>
        id is { Length: 18 } && char.IsAsciiDigit(id[0]) && id.AsSpan().IndexOfAnyExcept(DigitsAndCapitals) < 0;

    /// <summary>A tender id: a letter or digit, then letters, digits, dots, dashes and underscores, at most 80.</summary>
    public static bool IsTenderId(string? id) => id is not null && TenderIdPattern().IsMatch(id);

    private static readonly System.Buffers.SearchValues<char> CreditCodeAlphabet = System.Buffers.SearchValues.Create(CreditCodes.Charset);

    private static readonly System.Buffers.SearchValues<char> DigitsAndCapitals = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial Regex TenderIdPattern();
}
