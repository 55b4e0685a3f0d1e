using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Liandong.Client.Portal;

/// <summary>
/// Shows the minutes (纪要) the meeting grain writes as Markdown: headings, list items, bold and paragraphs —
/// the subset it uses. Every line is HTML-encoded before any markup is added, so text from a matter cannot
/// inject markup.
/// </summary>
public static partial class Minutes
{
    public static MarkupString ToHtml(string markdown)
    {
        var html = new StringBuilder();
        var inList = false;
        foreach (var raw in markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var item = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal);
            if (inList && !item)
            {
                html.Append("</ul>");
                inList = false;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (item)
            {
                if (!inList)
                {
                    html.Append("<ul>");
                    inList = true;
                }

                html.Append("<li>").Append(Inline(line[2..])).Append("</li>");
            }
            else if (Heading().Match(line) is { Success: true } h)
            {
                var level = Math.Min(h.Groups[1].Length + 2, 6);
                html.Append($"<h{level}>").Append(Inline(h.Groups[2].Value)).Append($"</h{level}>");
            }
            else
            {
                html.Append("<p>").Append(Inline(line)).Append("</p>");
            }
        }

        if (inList)
        {
            html.Append("</ul>");
        }

        return new MarkupString(html.ToString());
    }

    private static string Inline(string text) => Bold().Replace(WebUtility.HtmlEncode(text), "<b>$1</b>");

    [GeneratedRegex(@"^(#{1,4})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
