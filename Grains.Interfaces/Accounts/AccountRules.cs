using Liandong.Hierarchy;

namespace Liandong.Accounts;

/// <summary>What a username is, and what a jurisdiction looks like for each role.</summary>
public static class AccountRules
{
    /// <summary>Lower-case letters, digits, dots, dashes and underscores; 2–64 characters (<see cref="Ids.IsUsername"/>).</summary>
    public static bool IsUsername(string? name) => Ids.IsUsername(name);

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
            UserRole.Department => Ids.IsDepartmentId(jurisdiction) && Ids.CityOfDepartment(jurisdiction) == cityCode ? null : $"A department's jurisdiction is its id {cityCode}-slug.",
            UserRole.ProjectOwner => Ids.IsCreditCodeShape(jurisdiction) ? null : "A project owner's jurisdiction is an 18-character unified social credit code.",
            UserRole.Leader => Ids.IsLeaderId(jurisdiction) ? null : "A leader id is letters, digits and dashes, at most 64.",
            UserRole.BankOfficer => Ids.IsBankCode(jurisdiction) ? null : "A bank code is lower-case letters and digits in dash-separated words, e.g. icbc-zhanjiang.",
            _ => "Unknown role.",
        };
    }

    private static string Camel(UserRole role) => char.ToLowerInvariant(role.ToString()[0]) + role.ToString()[1..];
}
