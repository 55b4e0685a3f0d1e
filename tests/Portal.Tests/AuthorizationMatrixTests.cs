using System.Net;
using System.Net.Http.Json;
using Liandong.Accounts;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Portal.Tests;

/// <summary>
/// Every role × a read and a write, inside and outside its jurisdiction, through the real API: inside
/// answers 2xx, outside 403 problem+json, and a refused write changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(PlatformFixture platform)
{
    // Projects of the demo scenario, by where they lie.
    private const string SuixiProject = "2021-440823-48-01-315269";      // 遂溪县
    private const string WuchuanProject = "2021-440883-84-01-355249";    // 吴川市 梅菉街道
    private const string LianjiangProject = "2021-440881-48-02-254855";  // 廉江市
    private const string LianjiangProject2 = "2021-440881-76-01-014023"; // 廉江市
    private const string WuchuanProject2 = "2021-440883-76-01-016655";   // 吴川市 黄坡镇
    private const string TangzhuiProject = "2021-440883-48-01-299737";   // 吴川市 塘㙍镇
    private const string WangcunProject = "2021-440883-13-03-222409";    // 吴川市 王村港镇
    private const string ShoesProject = "2021-440883-19-03-004374";      // 吴川市 塘尾街道
    private const string AirportProject = "2023-440883-48-01-000123";    // 吴川市 塘㙍镇

    public static TheoryData<string, string, int> Reads => new()
    {
        { "city.admin", "/api/v1/cities/440800", 200 },
        { "city.admin", $"/api/v1/projects/{WuchuanProject}", 200 },
        { "city.admin", "/api/v1/users", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}", 403 },
        { "city.admin", $"/api/v1/projects/{PlatformFixture.OtherProject}", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883", 200 },
        { "wuchuan.officer", "/api/v1/towns/440883107", 200 },
        { "wuchuan.officer", $"/api/v1/projects/{AirportProject}/reports", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881", 403 },
        { "wuchuan.officer", "/api/v1/cities/440800", 403 },
        { "wuchuan.officer", $"/api/v1/projects/{LianjiangProject}", 403 },
        { "wuchuan.officer", "/api/v1/users", 403 },
        { "lianjiang.officer", "/api/v1/counties/440881", 200 },
        { "lianjiang.officer", "/api/v1/counties/440883", 403 },
        { "lianjiang.officer", $"/api/v1/projects/{AirportProject}", 403 },
        { "tangzhui.officer", "/api/v1/towns/440883107", 200 },
        { "tangzhui.officer", $"/api/v1/projects/{AirportProject}", 200 },
        { "tangzhui.officer", "/api/v1/towns/440883103", 403 },
        { "tangzhui.officer", "/api/v1/counties/440883", 403 },
        { "tangzhui.officer", $"/api/v1/projects/{WangcunProject}", 403 },
        { "dept.zrzyj", "/api/v1/cities/440800", 200 },
        { "dept.zrzyj", $"/api/v1/projects/{AirportProject}", 200 },
        { "dept.zrzyj", $"/api/v1/cities/{PlatformFixture.OtherCity}", 403 },
        { "dept.zrzyj", "/api/v1/users", 403 },
        { "leader.secretary", "/api/v1/cities/440800", 200 },
        { "leader.secretary", $"/api/v1/cities/{PlatformFixture.OtherCity}", 403 },
        { "inspector.demo", "/api/v1/counties/440883", 200 },
        { "inspector.demo", $"/api/v1/projects/{PlatformFixture.OtherProject}", 403 },
        { "inspector.demo", "/api/v1/users", 403 },
        { "owner.demo", "/api/v1/cities/440800", 403 },
        { "owner.demo", $"/api/v1/projects/{AirportProject}", 403 },
        { "owner.demo", "/api/v1/projects/2021-440883-48-01-165184", 200 },
        { "bank.icbc", "/api/v1/banks/icbc-zhanjiang/financing", 200 },
        { "bank.icbc", "/api/v1/cities/440800", 403 },
        { "bank.icbc", $"/api/v1/projects/{AirportProject}", 403 },
        { "ops.demo", "/api/v1/ops/cluster", 200 },
        { "ops.demo", "/api/v1/cities/440800", 403 },
        { "ops.demo", $"/api/v1/projects/{AirportProject}", 403 },
        { "ops.demo", "/api/v1/users", 403 },
        { "wuchuan.officer", "/api/v1/ops/cluster", 403 },
    };

    /// <summary>A correction of the May 2023 report: a real change when allowed.</summary>
    public static TheoryData<string, string, int> ReportWrites => new()
    {
        { "city.admin", SuixiProject, 200 },
        { "city.admin", PlatformFixture.OtherProject, 403 },
        { "wuchuan.officer", WuchuanProject, 200 },
        { "wuchuan.officer", LianjiangProject, 403 },
        { "lianjiang.officer", LianjiangProject2, 200 },
        { "lianjiang.officer", WuchuanProject2, 403 },
        { "tangzhui.officer", TangzhuiProject, 200 },
        { "tangzhui.officer", WangcunProject, 403 },
        { "dept.zrzyj", ShoesProject, 403 },
        { "leader.secretary", ShoesProject, 403 },
        { "inspector.demo", ShoesProject, 403 },
        { "owner.demo", ShoesProject, 403 },
        { "owner.demo", "2021-440883-48-01-165184", 200 },
        { "bank.icbc", ShoesProject, 403 },
        { "ops.demo", ShoesProject, 403 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task AReadAnswersAsTheRolesJurisdictionAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(ReportWrites))]
    public async Task AReportWriteAnswersAsTheRolesJurisdictionAllowsAndARefusalChangesNothing(string username, string project, int expected)
    {
        var grain = platform.Grains.GetGrain<IProjectGrain>(project);
        var before = await grain.GetAsync(new PeriodQuery(2023, 5));
        var may = before.Reports.Single(r => r.Year == 2023 && r.Month == 5).Figures;
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync($"/api/v1/projects/{project}/reports/2023/5",
            new { investmentCompleted = may.InvestmentCompleted + 11m, progressPercent = may.ProgressPercent });

        Assert.Equal(expected, (int)response.StatusCode);
        var after = await grain.GetAsync(new PeriodQuery(2023, 5));
        if (expected == 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Reports, after.Reports);
        }
        else
        {
            Assert.Equal(may.InvestmentCompleted + 11m, after.Reports.Single(r => r.Year == 2023 && r.Month == 5).Figures.InvestmentCompleted);
            Assert.Equal(username, after.History[^1].Actor);
        }
    }

    [Theory]
    [InlineData("wuchuan.officer", "440883198", "440883", 201)]
    [InlineData("wuchuan.officer", "440881198", "440881", 403)]
    [InlineData("city.admin", "440881197", "440881", 201)]
    [InlineData("tangzhui.officer", "440883196", "440883", 403)]
    [InlineData("dept.zrzyj", "440883195", "440883", 403)]
    [InlineData("ops.demo", "440883194", "440883", 403)]
    public async Task RegisteringATownAnswersAsTheRolesJurisdictionAllowsAndARefusalRegistersNothing(string username, string town, string county, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "测试镇", countyCode = county });

        Assert.Equal(expected, (int)response.StatusCode);
        var info = await platform.Grains.GetGrain<ITownGrain>(town).GetInfoAsync();
        Assert.Equal(expected == 201, info is not null);
    }

    [Theory]
    [InlineData("tangzhui.officer", "TEST-MATRIX-TZ-1", "440883107", 201)]
    [InlineData("tangzhui.officer", "TEST-MATRIX-TZ-2", "440883103", 403)]
    [InlineData("lianjiang.officer", "TEST-MATRIX-LJ-1", "440883107", 403)]
    [InlineData("bank.icbc", "TEST-MATRIX-BK-1", "440883107", 403)]
    public async Task RegisteringAProjectAnswersAsTheRolesJurisdictionAllowsAndARefusalRegistersNothing(string username, string code, string town, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync("/api/v1/projects", new
        {
            code, name = "矩阵测试项目", townCode = town, category = "industry", stage = "preparation", totalInvestment = 1000,
        });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected == 201, await platform.Grains.GetGrain<IProjectGrain>(code).ExistsAsync());
    }

    [Theory]
    [InlineData("city.admin", "matrix.new1", 201)]
    [InlineData("wuchuan.officer", "matrix.new2", 403)]
    [InlineData("ops.demo", "matrix.new3", 403)]
    [InlineData("dept.zrzyj", "matrix.new4", 403)]
    public async Task AddingAUserIsForTheCityCommandOfficeOnly(string username, string newUser, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync("/api/v1/users", new
        {
            username = newUser, displayName = "矩阵测试", role = "townOfficer", jurisdiction = "440883101", password = "long-enough-1",
        });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected == 201, await platform.Grains.GetGrain<IUserGrain>(newUser).GetAsync() is not null);
    }

    [Fact]
    public async Task ACityAdminCannotCreateAnAccountForAnotherCity()
    {
        using var client = await platform.SignedInAsync("city.admin");

        var response = await client.PostAsJsonAsync("/api/v1/users", new
        {
            username = "matrix.maoming", displayName = "茂名", role = "countyOfficer", jurisdiction = PlatformFixture.OtherCounty, password = "long-enough-1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await platform.Grains.GetGrain<IUserGrain>("matrix.maoming").GetAsync());
    }

    private static int _enterprises;

    /// <summary>
    /// Moving or renaming an enterprise registered in 吴川市 (440883): renaming is for those who hold its county,
    /// moving for the command office of its city only, never to another city (409); "park" is owner.demo's own.
    /// </summary>
    [Theory]
    [InlineData("city.admin", "440881", "改名后企业", 200)]
    [InlineData("wuchuan.officer", "440881", "测试企业", 403)]
    [InlineData("lianjiang.officer", "440881", "测试企业", 403)]
    [InlineData("tangzhui.officer", "440883", "改名后企业", 403)]
    [InlineData("dept.zrzyj", "440883", "改名后企业", 403)]
    [InlineData("bank.icbc", "440883", "改名后企业", 403)]
    [InlineData("lianjiang.officer", "440883", "改名后企业", 403)]
    [InlineData("wuchuan.officer", "440883", "改名后企业", 200)]
    [InlineData("city.admin", PlatformFixture.OtherCounty, "测试企业", 409)]
    [InlineData("owner.demo", "440881", "park", 403)]
    public async Task MovingOrRenamingAnEnterpriseAnswersAsItsCountyAndCityAllowAndARefusalChangesNothing(string username, string county, string name, int expected)
    {
        string code;
        if (name == "park")
        {
            code = Credit("MA4W7R2K");
            name = "夺走的园区企业";
        }
        else
        {
            var body = $"MX{Interlocked.Increment(ref _enterprises):D6}";
            code = Credit(body);
            await platform.Grains.GetGrain<IEnterpriseGrain>(code).RegisterAsync("测试企业", "440883", "test");
        }

        var grain = platform.Grains.GetGrain<IEnterpriseGrain>(code);
        var before = await grain.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name, countyCode = county });

        Assert.Equal(expected, (int)response.StatusCode);
        var after = await grain.GetAsync();
        if (expected == 200)
        {
            Assert.Equal((county, name), (after.CountyCode, after.Name));
        }
        else
        {
            Assert.Equal((before.CountyCode, before.Name, before.History.Length), (after.CountyCode, after.Name, after.History.Length));
        }
    }

    /// <summary>Only the command office renames a division (docs/portal.md); a refusal leaves the name as it was.</summary>
    [Theory]
    [InlineData("city.admin", "440883181", 200)]
    [InlineData("wuchuan.officer", "440883182", 403)]
    [InlineData("tangzhui.officer", "440883107", 403)]
    [InlineData("wuchuan.officer", "440883", 403)]
    [InlineData("lianjiang.officer", "440881", 403)]
    [InlineData("dept.zrzyj", "440883", 403)]
    public async Task RenamingADivisionIsForTheCommandOfficeOnly(string username, string code, int expected)
    {
        var isTown = DivisionCodes.IsTown(code);
        if (isTown && code != "440883107")
        {
            await platform.Grains.GetGrain<ITownGrain>(code).RegisterAsync("改名测试镇", "440883", "test");
        }

        var before = isTown ? await platform.Grains.GetGrain<ITownGrain>(code).GetInfoAsync() : await platform.Grains.GetGrain<ICountyGrain>(code).GetInfoAsync();
        using var client = await platform.SignedInAsync(username);

        var response = isTown
            ? await client.PutAsJsonAsync($"/api/v1/towns/{code}", new { name = before!.Name + "（改）", countyCode = DivisionCodes.CountyOf(code) })
            : await client.PutAsJsonAsync($"/api/v1/counties/{code}", new { name = before!.Name + "（改）", cityCode = "440800" });

        Assert.Equal(expected, (int)response.StatusCode);
        var after = isTown ? await platform.Grains.GetGrain<ITownGrain>(code).GetInfoAsync() : await platform.Grains.GetGrain<ICountyGrain>(code).GetInfoAsync();
        Assert.Equal(expected == 200 ? before.Name + "（改）" : before.Name, after!.Name);
    }

    private static string Credit(string organizationBody) =>
        CreditCodes.Complete("91" + "440883" + organizationBody + CreditCodes.OrganizationCheckCharacter(organizationBody));
}
