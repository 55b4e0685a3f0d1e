using System.Globalization;
using Liandong.Client.Portal;

namespace Liandong.Portal.Tests;

/// <summary>Numbers and dates as officials write them (Client/Portal/Formatting.cs).</summary>
public sealed class FormattingTests
{
    private static readonly CultureInfo Zh = new("zh-CN");
    private static readonly CultureInfo En = new("en");

    [Theory]
    [InlineData("5479.92", "5,479.92万元")]
    [InlineData("1234.5", "1,234.5万元")]
    [InlineData("0", "0万元")]
    [InlineData("9999.99", "9,999.99万元")]
    [InlineData("10000", "1.00亿元")]
    [InlineData("80000", "8.00亿元")]
    [InlineData("474971.68", "47.50亿元")]
    [InlineData("4251400", "425.14亿元")]
    public void MoneyIsInWanBelowOneYiAndInYiWithTwoDecimalsFromOneYiOn(string wan, string expected) =>
        Assert.Equal(expected, Formatting.Money(decimal.Parse(wan, CultureInfo.InvariantCulture), Zh));

    [Fact]
    public void MoneyInEnglishIsInMillionsOfYuanAndInBillionsFromOneBillionOn()
    {
        Assert.Equal("¥54.80m", Formatting.Money(5479.92m, En));
        Assert.Equal("¥800.00m", Formatting.Money(80000m, En));
        Assert.Equal("¥0.00m", Formatting.Money(0m, En));
        Assert.Equal("¥999.99m", Formatting.Money(99_999m, En));
        Assert.Equal("¥4.25bn", Formatting.Money(425_140m, En));
    }

    [Fact]
    public void AMissingAmountIsADash() => Assert.Equal("—", Formatting.Money((decimal?)null, Zh));

    [Fact]
    public void DatesAreWrittenTheChineseWayInChineseAndDayMonthYearInEnglish()
    {
        Assert.Equal("2023年6月8日", Formatting.Date(new DateOnly(2023, 6, 8), Zh));
        Assert.Equal("2023年12月31日", Formatting.Date(new DateOnly(2023, 12, 31), Zh));
        Assert.Equal("8 Jun 2023", Formatting.Date(new DateOnly(2023, 6, 8), En));
    }

    [Fact]
    public void InstantsAreShownInChinaTime()
    {
        var at = new DateTimeOffset(2023, 6, 8, 1, 30, 0, TimeSpan.Zero);
        Assert.Equal("2023年6月8日 09:30", Formatting.DateTime(at, Zh));
        Assert.Equal("8 Jun 2023 09:30", Formatting.DateTime(at, En));
    }

    [Fact]
    public void APeriodIsOneToMMonthsOfTheYear()
    {
        Assert.Equal("2023年1–5月", Formatting.Period(2023, 5, Zh));
        Assert.Equal("2023年1月", Formatting.Period(2023, 1, Zh));
        Assert.Equal("Jan–May 2023", Formatting.Period(2023, 5, En));
        Assert.Equal("2023年5月", Formatting.Month(2023, 5, Zh));
        Assert.Equal("5月", Formatting.MonthLabel(5, Zh));
    }

    [Fact]
    public void RatesArePercentagesWithOneDecimalAndGrowthCarriesItsSign()
    {
        Assert.Equal("35.7%", Formatting.Percent(0.3571m));
        Assert.Equal("—", Formatting.Percent(null));
        Assert.Equal("+23.5%", Formatting.Growth(0.2346m));
        Assert.Equal("-5.0%", Formatting.Growth(-0.05m));
        Assert.Equal("0.0%", Formatting.Growth(0m));
        Assert.Equal("40%", Formatting.Progress(40m));
    }

    [Fact]
    public void TheScheduleByMonthMIsMTwelfths() => Assert.Equal(0.4167m, Formatting.Schedule(5));
}

/// <summary>The minutes' Markdown, as the meeting page shows it.</summary>
public sealed class MinutesTests
{
    [Fact]
    public void HeadingsListsAndBoldBecomeHtmlAndTextIsEncoded()
    {
        var html = Minutes.ToHtml("# 纪要\n\n- **时间**：2023年6月8日\n- <script>x</script>\n\n正文").Value;

        Assert.Equal("<h3>纪要</h3><ul><li><b>时间</b>：2023年6月8日</li><li>&lt;script&gt;x&lt;/script&gt;</li></ul><p>正文</p>", html);
    }
}
