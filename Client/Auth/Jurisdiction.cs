using Liandong.Accounts;
using Liandong.Hierarchy;

namespace Liandong.Client.Auth;

/// <summary>Reading or changing a resource.</summary>
public enum Access
{
    Read = 0,
    Write = 1,
}

/// <summary>
/// What a request touches, described by the keys that decide who may touch it: the divisions it lies in
/// (a project: its town; a matter: the division that raised it and the one it is addressed to), the
/// departments, owners (credit codes), banks and leaders it belongs to, and its city.
/// </summary>
public sealed record Resource
{
    public IReadOnlyList<string> Divisions { get; init; } = [];

    public IReadOnlyList<string> Departments { get; init; } = [];

    public IReadOnlyList<string> Owners { get; init; } = [];

    public IReadOnlyList<string> Banks { get; init; } = [];

    public IReadOnlyList<string> Leaders { get; init; } = [];

    /// <summary>The city the resource belongs to, when its other keys do not say (a bank inbox, a leader).</summary>
    public string? City { get; init; }

    /// <summary>Operations data (health, cluster state): only the ops team and the city command office.</summary>
    public bool Operations { get; init; }

    /// <summary>User accounts: only the city command office.</summary>
    public bool IsAccounts { get; init; }

    /// <summary>What the city publishes to its officials (rankings, 通报): every government account of the city reads it.</summary>
    public bool IsPublished { get; init; }

    /// <summary>
    /// Integrity alerts and bidder details (廉政风险, TenderService): inspectors over the division read and review
    /// them, the city command office reads them; nobody else — not the project's county, owner or linked leader.
    /// </summary>
    public bool Integrity { get; init; }

    /// <summary>
    /// Financing data (requests with their offers and rates, enterprises, a division's financing list): not part of
    /// the city-wide read-only view departments and leaders have of divisions and projects.
    /// </summary>
    public bool Financing { get; init; }

    public static Resource Division(string code) => new() { Divisions = [code] };

    public static Resource Department(string id) => new() { Departments = [id] };

    /// <summary>The accounts of a city: only its command office manages them.</summary>
    public static Resource Accounts(string cityCode) => new() { City = cityCode, IsAccounts = true };

    public static Resource Ops(string cityCode) => new() { City = cityCode, Operations = true };

    /// <summary>A city's published rankings and briefings (比学赶超, 通报).</summary>
    public static Resource Published(string cityCode) => new() { City = cityCode, IsPublished = true };

    /// <summary>The city every key of the resource points to, or null when they point to none or to several.</summary>
    public string? CityCode
    {
        get
        {
            var cities = Divisions.Select(CityOfDivision)
                .Concat(Departments.Select(d => d.Length >= 6 ? d[..6] : d))
                .Append(City)
                .Where(c => c is not null)
                .Distinct()
                .ToList();
            return cities.Count == 1 ? cities[0] : null;
        }
    }

    private static string? CityOfDivision(string code) =>
        DivisionCodes.IsTown(code) ? DivisionCodes.CityOf(DivisionCodes.CountyOf(code))
        : DivisionCodes.IsCounty(code) ? DivisionCodes.CityOf(code)
        : null;
}

/// <summary>
/// Who may do what (DESIGN.md "Who uses it"): the one place the rules live. Every API route and every
/// portal page goes through the services in Client/Services, and they ask this class before any grain call
/// that reads or changes data; a refusal is a 403 problem+json (a <see cref="DomainErrorKind.Forbidden"/>).
/// </summary>
/// <remarks>
/// The rules, by role (jurisdiction in brackets):
/// <list type="bullet">
/// <item>cityAdmin (city): reads and writes everything in its city.</item>
/// <item>countyOfficer (county) / townOfficer (town): reads and writes its division and everything below.</item>
/// <item>department (its id): reads and writes what is assigned to it; reads the divisions and projects of its city, read-only, to answer about them (not their financing).</item>
/// <item>leader (its id): reads and writes what is linked to it; reads the divisions and projects of its city, read-only (not their financing).</item>
/// <item>inspector (a division): reads that division and below; writes nothing of the divisions and projects; reads and reviews the integrity alerts (bidder details included) of its division.</item>
/// <item>projectOwner (credit code): reads and writes what its enterprise owns.</item>
/// <item>bankOfficer (bank code): reads and writes what is routed to its bank.</item>
/// <item>ops (city): operations data only.</item>
/// <item>accounts of a city: its cityAdmin only.</item>
/// </list>
/// Nothing crosses from one city to another.
/// </remarks>
public sealed class Jurisdiction
{
    public bool Allows(CurrentUser user, Access access, Resource resource)
    {
        var city = resource.CityCode;
        if (city is not null && city != user.CityCode)
        {
            return false;
        }

        if (resource.IsAccounts)
        {
            return user.Role == UserRole.CityAdmin && city == user.CityCode;
        }

        if (resource.Operations)
        {
            return user.Role is UserRole.Ops or UserRole.CityAdmin && city == user.CityCode;
        }

        if (resource.IsPublished)
        {
            return access == Access.Read && city == user.CityCode && user.Role is UserRole.CityAdmin or UserRole.CountyOfficer
                or UserRole.TownOfficer or UserRole.Department or UserRole.Leader or UserRole.Inspector;
        }

        var j = user.Jurisdiction;
        var inCity = city == user.CityCode;
        if (resource.Integrity)
        {
            return user.Role switch
            {
                UserRole.Inspector => resource.Divisions.Any(d => DivisionCodes.IsWithin(d, j)),
                UserRole.CityAdmin => access == Access.Read && inCity,
                _ => false,
            };
        }

        return user.Role switch
        {
            UserRole.CityAdmin => inCity,
            UserRole.CountyOfficer or UserRole.TownOfficer => resource.Divisions.Any(d => DivisionCodes.IsWithin(d, j)),
            UserRole.Department => resource.Departments.Contains(j) || (access == Access.Read && inCity && resource.Divisions.Count > 0 && !resource.Financing),
            UserRole.Leader => resource.Leaders.Contains(j) || (access == Access.Read && inCity && resource.Divisions.Count > 0 && !resource.Financing),
            UserRole.Inspector => access == Access.Read && resource.Divisions.Any(d => DivisionCodes.IsWithin(d, j)),
            UserRole.ProjectOwner => resource.Owners.Contains(j),
            UserRole.BankOfficer => resource.Banks.Contains(j),
            _ => false,
        };
    }

    /// <summary>Throws a 403 refusal unless <see cref="Allows"/>; call it before the grain call, so a refusal changes nothing.</summary>
    public void Ensure(CurrentUser user, Access access, Resource resource)
    {
        if (!Allows(user, access, resource))
        {
            throw Forbidden(user, access);
        }
    }

    public static DomainException Forbidden(CurrentUser user, Access access) =>
        new(DomainErrorKind.Forbidden,
            $"{CurrentUser.RoleName(user.Role)} {user.Jurisdiction} may not {(access == Access.Read ? "read" : "change")} this: it lies outside its jurisdiction.");
}
