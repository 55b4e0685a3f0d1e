using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Portal.Tests;

/// <summary>
/// The government–bank–enterprise routes by role: an enterprise reaches only what it owns, a bank only what
/// was routed to it, a department only the factor needs assigned to it; a refusal is a 403 and changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FinanceAuthorizationTests(PlatformFixture platform)
{
    // The demo's finance part (Silo/Demo/FinanceDemo.cs).
    private const string ParkInfrastructure = "2021-440883-48-01-165184"; // owned by the park enterprise (owner.demo)
    private const string ShoeDigital = "2021-440883-19-03-004374";        // owned by the shoe enterprise
    private const string GrilledFishKitchen = "2022-440883-14-03-247537"; // water need for 440800-swj

    private static readonly string ParkEnterprise = Credit("MA4W7R2K");
    private static readonly string ShoeEnterprise = Credit("MA51C3HE");

    public static TheoryData<string, string, int> Reads => new()
    {
        { "owner.demo", $"/api/v1/projects/{ParkInfrastructure}", 200 },
        { "owner.demo", $"/api/v1/enterprises/{ParkEnterprise}", 200 },
        { "owner.demo", $"/api/v1/projects/{ParkInfrastructure}/factors", 200 },
        { "owner.demo", $"/api/v1/projects/{ShoeDigital}", 403 },
        { "owner.demo", $"/api/v1/enterprises/{ShoeEnterprise}", 403 },
        { "owner.demo", "/api/v1/financing/FR-2023-WC-002", 403 },
        { "owner.demo", "/api/v1/financing/FR-2023-WC-001", 200 },
        { "bank.icbc", "/api/v1/banks/icbc-zhanjiang/financing", 200 },
        { "bank.icbc", "/api/v1/financing/FR-2023-WC-001", 200 },
        { "bank.icbc", "/api/v1/banks/ccb-zhanjiang/financing", 403 },
        { "bank.icbc", "/api/v1/financing/FR-2023-WC-002", 403 },
        { "bank.icbc", "/api/v1/counties/440883/financing", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/financing", 200 },
        { "wuchuan.officer", "/api/v1/counties/440883/factors", 200 },
        { "wuchuan.officer", "/api/v1/banks/icbc-zhanjiang/financing", 403 },
        { "lianjiang.officer", "/api/v1/counties/440883/financing", 403 },
        { "lianjiang.officer", "/api/v1/financing/FR-2023-WC-001", 403 },
        { "city.admin", "/api/v1/cities/440800/financing", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/financing", 403 },
        { "dept.zrzyj", "/api/v1/cities/440800/factors", 200 },
        // Departments and leaders read divisions, projects and matters — not financing (docs/portal.md).
        { "dept.zrzyj", "/api/v1/financing/FR-2023-WC-001", 403 },
        { "dept.zrzyj", $"/api/v1/enterprises/{ParkEnterprise}", 403 },
        { "dept.zrzyj", "/api/v1/cities/440800/financing", 403 },
        { "dept.zrzyj", "/api/v1/counties/440883/financing", 403 },
        { "leader.secretary", "/api/v1/financing/FR-2023-WC-001", 403 },
        { "leader.secretary", $"/api/v1/enterprises/{ParkEnterprise}", 403 },
        { "leader.secretary", "/api/v1/cities/440800/financing", 403 },
        { "leader.secretary", "/api/v1/counties/440883/financing", 403 },
        { "leader.secretary", "/api/v1/counties/440883", 200 },
        { "ops.demo", "/api/v1/cities/440800/financing", 403 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task AFinanceReadAnswersAsTheRolesJurisdictionAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("owner.demo", ParkInfrastructure, 200)]
    [InlineData("owner.demo", ShoeDigital, 403)]
    public async Task AnOwnerReportsOnlyItsOwnProjects(string username, string project, int expected)
    {
        var grain = platform.Grains.GetGrain<IProjectGrain>(project);
        var before = await grain.GetAsync(new PeriodQuery(2023, 5));
        var may = before.Reports.Single(r => r.Year == 2023 && r.Month == 5).Figures;
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync($"/api/v1/projects/{project}/reports/2023/5",
            new { investmentCompleted = may.InvestmentCompleted + 7m, progressPercent = may.ProgressPercent });

        Assert.Equal(expected, (int)response.StatusCode);
        var after = await grain.GetAsync(new PeriodQuery(2023, 5));
        Assert.Equal(expected == 403 ? before.Version : before.Version + 1, after.Version);
    }

    [Fact]
    public async Task TheCountyRecommendsTheBankOffersAndTheOwnerAcceptsEachOnlyForItself()
    {
        const string id = "FR-2023-WC-006"; // the park's factories loan, submitted and waiting for the county
        var request = platform.Grains.GetGrain<IFinancingRequestGrain>(id);
        using var lianjiang = await platform.SignedInAsync("lianjiang.officer");
        using var wuchuan = await platform.SignedInAsync("wuchuan.officer");
        using var icbc = await platform.SignedInAsync("bank.icbc");
        using var owner = await platform.SignedInAsync("owner.demo");

        var version = (await request.GetAsync()).Version;
        Assert.Equal(HttpStatusCode.Forbidden, (await lianjiang.PostAsJsonAsync($"/api/v1/financing/{id}/recommend", new { bankCodes = new[] { "icbc-zhanjiang" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await icbc.PostAsJsonAsync($"/api/v1/financing/{id}/recommend", new { bankCodes = new[] { "icbc-zhanjiang" } })).StatusCode);
        Assert.Equal(version, (await request.GetAsync()).Version);

        Assert.Equal(HttpStatusCode.OK, (await wuchuan.PostAsJsonAsync($"/api/v1/financing/{id}/recommend", new { bankCodes = new[] { "icbc-zhanjiang", "ccb-zhanjiang" } })).StatusCode);

        version = (await request.GetAsync()).Version;
        var asAnotherBank = await icbc.PostAsJsonAsync($"/api/v1/financing/{id}/offers", new { bankCode = "ccb-zhanjiang", amount = 5000, ratePercent = 3.3, termMonths = 120 });
        Assert.Equal(HttpStatusCode.Forbidden, asAnotherBank.StatusCode);
        Assert.Equal(version, (await request.GetAsync()).Version);

        var offer = await icbc.PostAsJsonAsync($"/api/v1/financing/{id}/offers", new { bankCode = "icbc-zhanjiang", amount = 5000, ratePercent = 3.3, termMonths = 120 });
        Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
        var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        version = (await request.GetAsync()).Version;
        Assert.Equal(HttpStatusCode.Forbidden, (await icbc.PostAsJsonAsync($"/api/v1/financing/{id}/accept", new { offerId })).StatusCode);
        Assert.Equal(version, (await request.GetAsync()).Version);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/v1/financing/{id}/accept", new { offerId })).StatusCode);

        var history = (await request.GetAsync()).History;
        Assert.Contains(history, e => e.Actor == "owner.demo");
        Assert.Contains(history, e => e.Actor == "bank.icbc");
    }

    [Fact]
    public async Task ADepartmentMovesOnlyTheFactorNeedsAssignedToIt()
    {
        var park = platform.Grains.GetGrain<IProjectGrain>(ParkInfrastructure);
        var kitchen = platform.Grains.GetGrain<IProjectGrain>(GrilledFishKitchen);
        var land = (await park.GetFactorNeedsAsync()).Single(n => n.DepartmentId == "440800-zrzyj");
        var water = (await kitchen.GetFactorNeedsAsync()).Single(n => n.DepartmentId == "440800-swj");
        using var zrzyj = await platform.SignedInAsync("dept.zrzyj");

        var own = await zrzyj.PutAsJsonAsync($"/api/v1/projects/{ParkInfrastructure}/factors/{land.Id}", new { status = "inProgress", note = "已受理" });
        var other = await zrzyj.PutAsJsonAsync($"/api/v1/projects/{GrilledFishKitchen}/factors/{water.Id}", new { status = "met", note = "越权" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(water, (await kitchen.GetFactorNeedsAsync()).Single(n => n.Id == water.Id));
        Assert.Equal("dept.zrzyj", (await park.GetFactorNeedsAsync()).Single(n => n.Id == land.Id).UpdatedBy);
    }

    private static string Credit(string organizationBody) =>
        CreditCodes.Complete("91" + "440883" + organizationBody + CreditCodes.OrganizationCheckCharacter(organizationBody));
}
