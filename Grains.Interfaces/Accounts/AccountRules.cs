using System.Text.RegularExpressions;
using Liandong.Hierarchy;

namespace Liandong.Accounts;

/// <summary>What a username is, and what a jurisdiction looks like for each role.</summary>
public static partial class AccountRules
{
    /// <summary>Lower-case letters, digits, dots, dashes and underscores; 2–64 characters.</summary>
    public static bool IsUsername(string? name) => name is not null && UsernamePattern().IsMatch(name);

    /// <summary>A department id <c>{cityCode}-{slug}</c>, e.g. <c>440800-zrzyj</c>.</summary>
    public static bool IsDepartmentId(string? id) =>
        id is not null && id.Length > 7 && id[6] == '-' && DivisionCodes.IsCity(id[..6]) && SlugPattern().IsMatch(id[7..]);

    /// <summary>A slug such as a bank code or a leader id: <c>[a-z0-9-]+</c>, at most 64.</summary>
    public static bool IsSlug(string? value) => value is not null && value.Length <= 64 && SlugPattern().IsMatch(value);

    /// <summary>The shape of a unified social credit code (统一社会信用代码): 18 characters of its alphabet.</summary>
    public static bool IsCreditCodeShape(string? code) => code is not null && CreditCodePattern().IsMatch(code);

    /// <summary>Why <paramref name="jurisdiction"/> cannot belong to <paramref name="role"/> in <paramref name="cityCode"/>, or null when it can.</summary>
    public static string? JurisdictionProblem(UserRole role, string? jurisdiction, string cityCode)
    {
        if (string.IsNullOrWhiteSpace(jurisdiction))
        {
            return "A jurisdiction is required.";
        }

        return role switch
        {
            UserRole.CityAdmin or UserRole.Ops => jurisdiction == cityCode ? null : $"A {Camel(role)} account's jurisdiction is its city code {cityCode}.",
            UserRole.CountyOfficer => DivisionCodes.CountyBelongsTo(jurisdiction, cityCode) ? null : $"A county officer's jurisdiction is a county code of {cityCode}.",
            UserRole.TownOfficer => DivisionCodes.IsTown(jurisdiction) && DivisionCodes.CountyBelongsTo(DivisionCodes.CountyOf(jurisdiction), cityCode)
                ? null : $"A town officer's jurisdiction is a nine-digit town code of {cityCode}.",
            UserRole.Inspector => DivisionCodes.IsWithin(jurisdiction, cityCode) && (DivisionCodes.IsCity(jurisdiction) || DivisionCodes.IsCounty(jurisdiction) || DivisionCodes.IsTown(jurisdiction))
                ? null : $"An inspector's jurisdiction is a division code of {cityCode}.",
            UserRole.Department => IsDepartmentId(jurisdiction) && jurisdiction[..6] == cityCode ? null : $"A department's jurisdiction is its id {cityCode}-slug.",
            UserRole.ProjectOwner => IsCreditCodeShape(jurisdiction) ? null : "A project owner's jurisdiction is an 18-character unified social credit code.",
            UserRole.Leader or UserRole.BankOfficer => IsSlug(jurisdiction) ? null : "Letters a–z, digits and dashes.",
            _ => "Unknown role.",
        };
    }

    private static string Camel(UserRole role) => char.ToLowerInvariant(role.ToString()[0]) + role.ToString()[1..];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex CreditCodePattern();
}
