using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal;

/// <summary>The city's departments the portal knows by name (Strings.resx "Department.{slug}"), as ids of the user's city.</summary>
public static class PortalDepartments
{
    public static IReadOnlyList<(string Id, string Name)> Of(IStringLocalizer localizer, string cityCode) => localizer.GetAllStrings()
        .Where(s => s.Name.StartsWith("Department.", StringComparison.Ordinal) && s.Name.Count(c => c == '.') == 1)
        .Select(s => ($"{cityCode}-{s.Name["Department.".Length..]}", s.Value))
        .OrderBy(d => d.Item1, StringComparer.Ordinal)
        .ToList();
}
