using Liandong.Grains.Coordination;

namespace Liandong.Grains.Tests.Coordination;

public sealed class OfficialStyleTests
{
    [Theory]
    [InlineData(123456.7, "12.35亿元")]
    [InlineData(10000, "1亿元")]
    [InlineData(8600, "8600万元")]
    [InlineData(5479.92, "5479.92万元")]
    [InlineData(0.5, "0.5万元")]
    public void MoneyIsWrittenInWanOrYi(decimal wan, string expected) => Assert.Equal(expected, OfficialStyle.Money(wan));

    [Fact]
    public void DatesAndPeriodsAreWrittenTheChineseWay()
    {
        Assert.Equal("2023年6月8日", OfficialStyle.Date(new DateOnly(2023, 6, 8)));
        Assert.Equal("1—5月", OfficialStyle.Period(5));
        Assert.Equal("1月", OfficialStyle.Period(1));
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    public void NumeralsCountTheItems(int n, string expected) => Assert.Equal(expected, OfficialStyle.Numeral(n));

    [Fact]
    public void GrowthSaysIncreaseDecreaseOrNoComparison()
    {
        Assert.Equal("同比增长23.5%", OfficialStyle.Growth(0.2346m));
        Assert.Equal("同比下降5.2%", OfficialStyle.Growth(-0.052m));
        Assert.Equal("上年同期无可比数据", OfficialStyle.Growth(null));
    }
}
