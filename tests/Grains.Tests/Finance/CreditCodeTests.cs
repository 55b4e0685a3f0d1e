using Liandong.Finance;

namespace Liandong.Grains.Tests.Finance;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]   // the example of GB 32100-2015
    [InlineData("91440883MA4UXY7K2U")]
    public void ValidCodesPass(string code)
    {
        Assert.True(CreditCodes.IsValid(code));
        Assert.Null(CreditCodes.Problem(code));
    }

    [Fact]
    public void ExampleOfTheStandardAlsoHasAValidOrganizationCode()
    {
        Assert.True(CreditCodes.HasValidOrganizationCode("91350100M000100Y43"));
        Assert.Equal('4', CreditCodes.OrganizationCheckCharacter("M000100Y"));
    }

    [Fact]
    public void EveryOtherCheckCharacterIsRefused()
    {
        const string first17 = "91350100M000100Y4";
        foreach (var c in CreditCodes.Charset.Where(c => c != '3'))
        {
            var problem = CreditCodes.Problem(first17 + c);
            Assert.NotNull(problem);
            Assert.Contains("check character", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("91350100M000100Y4", "18 characters")]          // too short
    [InlineData("91350100M000100Y433", "18 characters")]        // too long
    [InlineData("91350100M000I00Y43", "cannot appear")]         // I is not in the set
    [InlineData("91350100M000O00Y43", "cannot appear")]
    [InlineData("91350100M000S00Y43", "cannot appear")]
    [InlineData("91350100M000V00Y43", "cannot appear")]
    [InlineData("91350100M000Z00Y43", "cannot appear")]
    [InlineData("91350100m000100y43", "cannot appear")]         // lower case is normalised by the API, not accepted here
    [InlineData("9135A100M000100Y43", "division code")]
    [InlineData("", "18 characters")]
    public void MalformedCodesAreRefusedWithAReason(string code, string reason)
    {
        Assert.False(CreditCodes.IsValid(code));
        Assert.Contains(reason, CreditCodes.Problem(code), StringComparison.Ordinal);
    }

    [Fact]
    public void SwappingTwoCharactersBreaksTheCheck()
    {
        Assert.False(CreditCodes.IsValid("91351000M000100Y43"));
    }

    [Fact]
    public void CompletedCodesAreValidForEveryPrefix()
    {
        for (var i = 0; i < 500; i++)
        {
            var body = $"{i * 7919 % 100_000_000:D8}";
            var code = CreditCodes.Complete("12440883" + body + CreditCodes.OrganizationCheckCharacter(body));
            Assert.True(CreditCodes.IsValid(code), code);
            Assert.True(CreditCodes.HasValidOrganizationCode(code), code);
        }
    }

    [Fact]
    public void ABrokenOrganizationCodeIsReportedButTheCodeStaysValid()
    {
        // Position 17 is the organisation code's own check character; change it and recompute position 18.
        var code = CreditCodes.Complete("91350100M000100Y5");
        Assert.True(CreditCodes.IsValid(code));
        Assert.False(CreditCodes.HasValidOrganizationCode(code));
    }

    [Fact]
    public void NormalizeTrimsAndUpperCases()
    {
        Assert.Equal("91350100M000100Y43", CreditCodes.Normalize(" 91350100m000100y43 "));
    }
}
