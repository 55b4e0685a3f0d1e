using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal;

/// <summary>Names the portal shows for codes that have no grain call of their own (departments by slug).</summary>
public static class Labels
{
    /// <summary>"440800-zrzyj" → 市自然资源局 (from Strings.resx), or the id itself when unknown.</summary>
    public static string Department(IStringLocalizer localizer, string id)
    {
        var text = localizer[$"Department.{(id.Length > 7 ? id[7..] : id)}"];
        return text.ResourceNotFound ? id : text.Value;
    }
}
