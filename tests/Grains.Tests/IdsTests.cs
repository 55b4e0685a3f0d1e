using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Tenders;

namespace Liandong.Grains.Tests;

/// <summary>
/// The identifier shapes live once in <see cref="Ids"/>: every place that names a department, a bank, a leader, a key
/// or a credit code answers the same for the same text, including the texts on which the copies used to disagree.
/// </summary>
public sealed class IdsTests
{
    private const string City = "440800";

    [Theory]
    [InlineData("440800-zrzyj", true)]
    [InlineData("440800-zrzyj-2", true)]
    [InlineData("440800-zrzyj-", false)]   // passed as a department and an account, not as a factor need
    [InlineData("440800--zrzyj", false)]   // likewise
    [InlineData("440800-Zrzyj", false)]
    [InlineData("440800-", false)]
    [InlineData("440811-zrzyj", false)]    // a county code, not a city's
    [InlineData("zrzyj", false)]
    [InlineData(null, false)]
    public void EveryPlaceThatNamesADepartmentAgrees(string? id, bool valid)
    {
        Assert.Equal(valid, Ids.IsDepartmentId(id));
        Assert.Equal(valid, CoordinationIds.IsDepartmentId(id));
        Assert.Equal(valid, FactorNeedRules.IsDepartmentId(id));
        Assert.Equal(valid, ReferrerIds.IsValid(id));
        Assert.Equal(valid, AccountRules.JurisdictionProblem(UserRole.Department, id, City) is null);
        Assert.Equal(valid, MatterRules.Problem(Matter([id!])) is null);
    }

    [Fact]
    public void ADepartmentSlugIsAtMostFortyCharactersEverywhere()
    {
        var longest = $"{City}-{new string('a', Ids.MaxDepartmentSlug)}";
        var tooLong = longest + "b";

        Assert.True(Ids.IsDepartmentId(longest));
        Assert.True(FactorNeedRules.IsDepartmentId(longest));
        Assert.Null(AccountRules.JurisdictionProblem(UserRole.Department, longest, City));

        // A factor need and an account accepted up to 57 and any length before: a department they named could never exist.
        Assert.False(Ids.IsDepartmentId(tooLong));
        Assert.False(FactorNeedRules.IsDepartmentId(tooLong));
        Assert.NotNull(AccountRules.JurisdictionProblem(UserRole.Department, tooLong, City));
    }

    [Fact]
    public void ADepartmentOfAnotherCityIsNotAnAccountOfThisOne() =>
        Assert.NotNull(AccountRules.JurisdictionProblem(UserRole.Department, "440100-zrzyj", City));

    [Theory]
    [InlineData("icbc-zhanjiang", true)]
    [InlineData("icbc", true)]
    [InlineData("icbc-", false)]          // a bank-officer account accepted it; no bank can be registered under it
    [InlineData("icbc--zhanjiang", false)]
    [InlineData("-icbc", false)]
    [InlineData("ICBC", false)]
    [InlineData("", false)]
    public void ABankOfficerNamesOnlyABankCode(string code, bool valid)
    {
        Assert.Equal(valid, Ids.IsBankCode(code));
        Assert.Equal(valid, BankCodes.IsValid(code));
        Assert.Equal(valid, AccountRules.JurisdictionProblem(UserRole.BankOfficer, code, City) is null);
    }

    [Fact]
    public void ABankCodeIsAtMostSixtyFourCharacters()
    {
        Assert.True(Ids.IsBankCode(new string('a', Ids.MaxKey)));
        Assert.False(Ids.IsBankCode(new string('a', Ids.MaxKey + 1)));
        Assert.NotNull(AccountRules.JurisdictionProblem(UserRole.BankOfficer, new string('a', Ids.MaxKey + 1), City));
    }

    [Theory]
    [InlineData("ld-zhang", true)]
    [InlineData("LD-Zhang", true)]       // a leader grain took it; a leader's account refused it
    [InlineData("-ld", false)]
    [InlineData("ld.zhang", false)]
    public void ALeaderIdIsTheSameForTheLeaderAndItsAccount(string id, bool valid)
    {
        Assert.Equal(valid, Ids.IsLeaderId(id));
        Assert.Equal(valid, CoordinationIds.IsWellFormed(id));
        Assert.Equal(valid, AccountRules.JurisdictionProblem(UserRole.Leader, id, City) is null);
    }

    [Theory]
    [InlineData("ZJ-2024-001", true)]
    [InlineData("a", true)]
    [InlineData("-ZJ", false)]
    [InlineData("ZJ_001", false)]
    [InlineData("ZJ 001", false)]
    [InlineData("", false)]
    public void AProjectKeyIsOneShapeForProjectsMattersAndFinancing(string code, bool valid)
    {
        Assert.Equal(valid, Ids.IsProjectCode(code));
        Assert.Equal(valid, Ids.IsKey(code));
        Assert.Equal(valid, CoordinationIds.IsWellFormed(code));
        Assert.Equal(valid, FinancingIds.IsValid(code));
    }

    [Fact]
    public void AKeyIsAtMostSixtyFourCharacters()
    {
        Assert.True(Ids.IsProjectCode(new string('A', Ids.MaxKey)));
        Assert.False(Ids.IsProjectCode(new string('A', Ids.MaxKey + 1)));
        Assert.False(CoordinationIds.IsWellFormed(new string('A', Ids.MaxKey + 1)));
    }

    [Fact]
    public void AMatterRaisedForAProjectUsesTheProjectKeyShape()
    {
        Assert.Null(MatterRules.Problem(Matter(["440800-zrzyj"]) with { ProjectCode = "ZJ-2024-001" }));
        Assert.Equal("projectCode", MatterRules.Problem(Matter(["440800-zrzyj"]) with { ProjectCode = "ZJ_2024" })?.Field);
    }

    [Fact]
    public void ACreditCodeShapeIsItsOwnAlphabetForAccountsAndTenders()
    {
        const string valid = "91440883MA4UXY7K2U";
        const string withO = "9144088300000000OX";   // 'O' is not in the GB 32100 alphabet

        Assert.True(Ids.IsCreditCodeShape(valid));
        Assert.Null(AccountRules.JurisdictionProblem(UserRole.ProjectOwner, valid, City));

        // An account refuses it; a bidder id that looks like a credit code must be one, so a tender refuses it too.
        Assert.False(Ids.IsCreditCodeShape(withO));
        Assert.NotNull(AccountRules.JurisdictionProblem(UserRole.ProjectOwner, withO, City));
        Assert.True(Ids.LooksLikeCreditCode(withO));
        Assert.NotNull(CreditCodes.Problem(withO));
    }

    [Theory]
    [InlineData("91440883MA4UXY7K2U", true)]
    [InlineData("91440883ma4uxy7k2u", false)]
    [InlineData("ZB-2024-0001", false)]
    [InlineData("A1440883MA4UXY7K2U", false)]   // starts with a letter: an id of its own, not a mistyped credit code
    public void ABidderIdLooksLikeACreditCodeOnlyWhenItHasItsForm(string id, bool looksLike) =>
        Assert.Equal(looksLike, Ids.LooksLikeCreditCode(id));

    [Theory]
    [InlineData("ZB-2024.001_a", true)]
    [InlineData(".ZB", false)]
    public void ATenderIdIsOneShape(string id, bool valid)
    {
        Assert.Equal(valid, Ids.IsTenderId(id));
        Assert.Equal(valid, TenderRules.IsTenderId(id));
    }

    [Theory]
    [InlineData("zhang.san", true)]
    [InlineData("z", false)]
    [InlineData("Zhang", false)]
    public void AUsernameIsOneShape(string name, bool valid)
    {
        Assert.Equal(valid, Ids.IsUsername(name));
        Assert.Equal(valid, AccountRules.IsUsername(name));
    }

    [Fact]
    public void TheDivisionLadderIsDivisionCodes()
    {
        Assert.Equal(["440881100", "440881", "440800"], DivisionCodes.SelfAndAncestors("440881100"));
        Assert.Equal("440881", DivisionCodes.ParentOf("440881100"));
        Assert.Equal("440800", DivisionCodes.ParentOf("440881"));
        Assert.Null(DivisionCodes.ParentOf("440800"));
        Assert.Equal(DivisionLevel.Town, DivisionCodes.LevelOf("440881100"));
        Assert.Equal(DivisionLevel.County, DivisionCodes.LevelOf("440881"));
        Assert.Equal(DivisionLevel.City, DivisionCodes.LevelOf("440800"));
        Assert.Null(DivisionCodes.LevelOf("44"));
    }

    private static MatterDraft Matter(ImmutableArray<string> departments) =>
        new("用地报批", null, "440881100", null, "440881", departments, new DateOnly(2024, 6, 30));
}
