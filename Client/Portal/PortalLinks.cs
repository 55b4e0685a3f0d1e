using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Hierarchy;

namespace Liandong.Client.Portal;

/// <summary>Where the portal's pages live, so that links are written once.</summary>
public static class PortalLinks
{
    /// <summary>The page of a city, county or town.</summary>
    public static string Division(string code) =>
        DivisionCodes.IsCity(code) ? $"/cities/{code}"
        : DivisionCodes.IsTown(code) ? $"/towns/{code}"
        : $"/counties/{code}";

    public static string Division(string code, int year, int month) => $"{Division(code)}?year={year}&month={month}";

    public static string Project(string code) => $"/projects/{Uri.EscapeDataString(code)}";

    public static string Project(string code, int year, int month) => $"{Project(code)}?year={year}&month={month}";

    public static string Financing(string id) => $"/financing/{Uri.EscapeDataString(id)}";

    public static string Bank(string code) => $"/banks/{Uri.EscapeDataString(code)}";

    public static string Enterprise(string creditCode) => $"/enterprises/{Uri.EscapeDataString(creditCode)}";

    /// <summary>The inspectors' home: integrity alerts (廉政风险预警).</summary>
    public const string Integrity = "/integrity";

    /// <summary>Where a user lands after signing in: the widest page of their jurisdiction.</summary>
    public static string Home(CurrentUser user) => user.Role switch
    {
        UserRole.CityAdmin => Division(user.CityCode),
        UserRole.Department => "/matters",
        UserRole.Leader => $"/leaders/{Uri.EscapeDataString(user.Jurisdiction)}",
        UserRole.CountyOfficer or UserRole.TownOfficer => Division(user.Jurisdiction),
        UserRole.Inspector => Integrity,
        UserRole.Ops => "/ops",
        UserRole.ProjectOwner => Enterprise(user.Jurisdiction),
        UserRole.BankOfficer => Bank(user.Jurisdiction),
        _ => "/me",
    };
}
