using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal.Components;

/// <summary>How the ranking pages write an indicator's name and value, in the reader's language.</summary>
public static class RankingFormat
{
    public static string Indicator(IStringLocalizer l, string id)
    {
        var text = l[$"Ranking.Indicator.{id}"];
        return text.ResourceNotFound ? id : text.Value;
    }

    public static string Value(IStringLocalizer l, string indicator, decimal? value) => value is not { } v ? "—" : indicator switch
    {
        "scheduleGap" => (v > 0 ? "+" : "") + v.ToString("0.0", CultureInfo.InvariantCulture) + l["Ranking.Unit.Points"],
        "overdueMatters" => v.ToString("0", CultureInfo.InvariantCulture) + l["Ranking.Unit.Items"],
        "averageAnswerDays" => v.ToString("0.0", CultureInfo.InvariantCulture) + l["Ranking.Unit.Days"],
        "growthRate" => Formatting.Growth(v),
        "signedAmount" => Formatting.Money(v, CultureInfo.CurrentUICulture),
        "listInclusions" => v.ToString("0", CultureInfo.InvariantCulture) + l["Ranking.Unit.Projects"],
        _ => Formatting.Percent(v),
    };

    public static string Change(int? change) => change switch
    {
        null => "—",
        > 0 => $"↑{change}",
        < 0 => $"↓{-change}",
        _ => "→",
    };
}
