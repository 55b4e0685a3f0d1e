using System.Globalization;

namespace Liandong.Client.Portal;

/// <summary>
/// How the portal writes numbers and dates: money in 万元, and in 亿元 with two decimals from 10,000 万元 on,
/// as officials write them; dates as 2023年6月8日. In English, money in millions of yuan and dates as 8 Jun 2023.
/// The one place these rules live; every page formats through it.
/// </summary>
public static class Formatting
{
    /// <summary>10,000 万元 = 1 亿元.</summary>
    public const decimal WanPerYi = 10_000m;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static bool IsChinese(CultureInfo? culture = null) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName is "zh" or "iv";

    /// <summary>An amount given in 万元: "5,479.92万元", "8.00亿元"; in English "¥54.80m", "¥800.00m", "¥4.25bn".</summary>
    public static string Money(decimal wan, CultureInfo? culture = null)
    {
        if (!IsChinese(culture))
        {
            // 100 万元 = 1 million yuan; 100,000 万元 = 1 billion.
            var sign = wan < 0 ? "-" : "";
            var abs = Math.Abs(wan);
            return abs >= 100_000m
                ? sign + "¥" + (abs / 100_000m).ToString("#,0.00", Invariant) + "bn"
                : sign + "¥" + (abs / 100m).ToString("#,0.00", Invariant) + "m";
        }

        return Math.Abs(wan) >= WanPerYi
            ? (wan / WanPerYi).ToString("#,0.00", Invariant) + "亿元"
            : wan.ToString("#,0.##", Invariant) + "万元";
    }

    /// <summary>A nullable amount; a dash when there is none.</summary>
    public static string Money(decimal? wan, CultureInfo? culture = null) => wan is { } w ? Money(w, culture) : "—";

    /// <summary>A ratio as a percentage with one decimal: 0.3571 → "35.7%".</summary>
    public static string Percent(decimal? ratio) =>
        ratio is { } r ? (r * 100m).ToString("0.0", Invariant) + "%" : "—";

    /// <summary>A growth rate with its sign: 0.2346 → "+23.5%", -0.05 → "-5.0%".</summary>
    public static string Growth(decimal? rate) =>
        rate is { } r ? (r > 0 ? "+" : "") + (r * 100m).ToString("0.0", Invariant) + "%" : "—";

    /// <summary>A progress percentage as reported (0–100): 40 → "40%".</summary>
    public static string Progress(decimal? percent) =>
        percent is { } p ? p.ToString("0.#", Invariant) + "%" : "—";

    /// <summary>"2023年6月8日"; in English "8 Jun 2023".</summary>
    public static string Date(DateOnly date, CultureInfo? culture = null) =>
        IsChinese(culture)
            ? $"{date.Year}年{date.Month}月{date.Day}日"
            : $"{date.Day} {EnglishMonths[date.Month - 1]} {date.Year}";

    public static string Date(DateOnly? date, CultureInfo? culture = null) => date is { } d ? Date(d, culture) : "—";

    /// <summary>An instant in China time: "2023年6月8日 09:30"; in English "8 Jun 2023 09:30".</summary>
    public static string DateTime(DateTimeOffset at, CultureInfo? culture = null)
    {
        var local = at.ToOffset(ChinaOffset);
        return Date(DateOnly.FromDateTime(local.DateTime), culture) + " " + local.ToString("HH:mm", Invariant);
    }

    /// <summary>The period 1–M月 of a year: "2023年1–5月" ("2023年1月" for January); in English "Jan–May 2023".</summary>
    public static string Period(int year, int month, CultureInfo? culture = null)
    {
        if (IsChinese(culture))
        {
            return month == 1 ? $"{year}年1月" : $"{year}年1–{month}月";
        }

        return month == 1 ? $"Jan {year}" : $"Jan–{EnglishMonths[month - 1]} {year}";
    }

    /// <summary>One month: "2023年5月"; in English "May 2023".</summary>
    public static string Month(int year, int month, CultureInfo? culture = null) =>
        IsChinese(culture) ? $"{year}年{month}月" : $"{EnglishMonths[month - 1]} {year}";

    /// <summary>A month without its year, for chart axes: "5月"; in English "May".</summary>
    public static string MonthLabel(int month, CultureInfo? culture = null) =>
        IsChinese(culture) ? $"{month}月" : EnglishMonths[month - 1];

    /// <summary>The time-elapsed schedule (序时进度) by the end of month M: M/12.</summary>
    public static decimal Schedule(int month) => Math.Round(month / 12m, 4);
}
