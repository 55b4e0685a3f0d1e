using System.Text.Json;

namespace Liandong.Client.Api;

/// <summary>The one way the API writes and reads enum values: camelCase names, as the JSON bodies carry them.</summary>
internal static class EnumText
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Reads a camelCase name (any case with <paramref name="ignoreCase"/>); numbers and unknown names are refused.</summary>
    public static bool TryParse<T>(string text, out T value, bool ignoreCase = false) where T : struct, Enum
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, comparison))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// An optional query value such as ?status=: absent or empty is null; an unknown name is an error on
    /// <paramref name="field"/> ("Status is one of …" unless <paramref name="message"/> says otherwise).
    /// </summary>
    public static T? ReadOptional<T>(string? text, FieldErrors errors, string field, bool ignoreCase = false, string? message = null)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (TryParse<T>(text, out var parsed, ignoreCase))
        {
            return parsed;
        }

        errors.Add(field, message ?? $"{char.ToUpperInvariant(field[0])}{field[1..]} is one of {List<T>()}.");
        return null;
    }

    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
