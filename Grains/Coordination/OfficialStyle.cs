using System.Globalization;

namespace Liandong.Grains.Coordination;

/// <summary>Numbers and dates the way Chinese government documents write them.</summary>
public static class OfficialStyle
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>2023年6月8日</summary>
    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>1—5月 (1月 for January alone).</summary>
    public static string Period(int month) => month == 1 ? "1月" : $"1—{month}月";

    /// <summary>
    /// An amount held in 万元: 亿元 with two decimals from one hundred million yuan up (45.67亿元), otherwise 万元
    /// with at most two decimals (8600万元, 5479.92万元).
    /// </summary>
    public static string Money(decimal wan)
    {
        if (Math.Abs(wan) >= 10000m)
        {
            return (wan / 10000m).ToString("0.##", Invariant) + "亿元";
        }

        return Math.Round(wan, 2).ToString("0.##", Invariant) + "万元";
    }

    /// <summary>0.3571 → 35.7%</summary>
    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.#", Invariant) + "%";

    /// <summary>同比增长23.5% / 同比下降5.2% / 与上年同期持平.</summary>
    public static string Growth(decimal? growth) => growth switch
    {
        null => "上年同期无可比数据",
        > 0m => "同比增长" + Percent(growth.Value),
        < 0m => "同比下降" + Percent(-growth.Value),
        _ => "与上年同期持平",
    };

    /// <summary>Chinese numerals for list numbering: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一.</summary>
    public static string Numeral(int n)
    {
        if (n is < 1 or > 99)
        {
            return n.ToString(Invariant);
        }

        var tens = n / 10;
        var ones = n % 10;
        var text = tens switch
        {
            0 => "",
            1 => "十",
            _ => Digits[tens] + "十",
        };
        return ones == 0 ? text : text + Digits[ones];
    }
}
