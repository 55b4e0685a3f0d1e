using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liandong.Coordination;

namespace Liandong.Portal.Tests;

/// <summary>
/// The coordination routes by role: a department answers only for itself, a county or town raises and resolves
/// only its own matters and reports only its own share of a directive, the city opens meetings and links leaders,
/// a leader records only its own visits. A refusal is a 403 and changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CoordinationAuthorizationTests(PlatformFixture platform)
{
    public static TheoryData<string, string, int> Reads => new()
    {
        { "dept.zrzyj", "/api/v1/departments/440800-zrzyj/matters", 200 },
        { "dept.zrzyj", "/api/v1/departments/440800-jtysj/matters", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/matters", 200 },
        { "wuchuan.officer", "/api/v1/counties/440883/meetings", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881/matters", 403 },
        { "lianjiang.officer", "/api/v1/counties/440883/matters", 403 },
        { "tangzhui.officer", "/api/v1/towns/440883107/directives", 200 },
        { "tangzhui.officer", "/api/v1/counties/440883/directives", 403 },
        { "leader.secretary", "/api/v1/leaders/440800-swsj", 200 },
        { "city.admin", "/api/v1/cities/440800/leaders", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/matters", 403 },
        { "ops.demo", "/api/v1/leaders/440800-swsj", 403 },
        { "bank.icbc", "/api/v1/cities/440800/matters", 403 },
        { "owner.demo", "/api/v1/counties/440883/meetings", 403 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task ACoordinationReadAnswersAsTheRolesJurisdictionAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task ADepartmentAnswersForItselfAndNotForAnotherDepartment()
    {
        var matter = await PendingMatterAsync("440800-zrzyj");
        var grain = platform.Grains.GetGrain<IMatterGrain>(matter);
        using var zrzyj = await platform.SignedInAsync("dept.zrzyj");
        var version = (await grain.GetAsync()).Version;
        var other = (await grain.GetAsync()).Departments.First(d => d.Id != "440800-zrzyj").Id;

        var forAnother = await zrzyj.PostAsJsonAsync($"/api/v1/matters/{matter}/answers", new { departmentId = other, text = "越权答复" });

        Assert.Equal(HttpStatusCode.Forbidden, forAnother.StatusCode);
        Assert.Equal(version, (await grain.GetAsync()).Version);

        var own = await zrzyj.PostAsJsonAsync($"/api/v1/matters/{matter}/answers", new { departmentId = "440800-zrzyj", text = "已纳入计划统筹保障" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var after = await grain.GetAsync();
        Assert.Equal("已纳入计划统筹保障", after.Departments.Single(d => d.Id == "440800-zrzyj").Answer);
        Assert.Equal("dept.zrzyj", after.History[^1].Actor);
    }

    [Theory]
    [InlineData("wuchuan.officer", "440883", 201)]
    [InlineData("tangzhui.officer", "440883107", 201)]
    [InlineData("lianjiang.officer", "440883", 403)]
    [InlineData("tangzhui.officer", "440883101", 403)]
    [InlineData("dept.zrzyj", "440883", 403)]
    public async Task AMatterIsRaisedOnlyByItsRaisersSide(string username, string raisedBy, int expected)
    {
        var index = platform.Grains.GetGrain<IMatterIndexGrain>(raisedBy);
        var before = (await index.ListAsync(null)).Length;
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync("/api/v1/matters", new
        {
            title = "权限测试事项", detail = "测试", raisedBy, addressedTo = raisedBy.Length == 9 ? "440883" : "440800",
            departments = new[] { "440800-zrzyj" }, dueDate = "2099-12-31",
        });

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 403)
        {
            Assert.Equal(before, (await index.ListAsync(null)).Length);
        }
    }

    [Fact]
    public async Task OnlyTheRaisersSideResolvesAMatter()
    {
        var matter = (await platform.Grains.GetGrain<IMatterIndexGrain>("440883").ListAsync(MatterStatus.Answered)).First(m => m.RaisedBy == "440883").Id;
        var grain = platform.Grains.GetGrain<IMatterGrain>(matter);
        using var lianjiang = await platform.SignedInAsync("lianjiang.officer");
        using var zrzyj = await platform.SignedInAsync("dept.zrzyj");
        using var wuchuan = await platform.SignedInAsync("wuchuan.officer");
        var version = (await grain.GetAsync()).Version;

        Assert.Equal(HttpStatusCode.Forbidden, (await lianjiang.PostAsJsonAsync($"/api/v1/matters/{matter}/resolve", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zrzyj.PostAsJsonAsync($"/api/v1/matters/{matter}/resolve", new { note = "x" })).StatusCode);
        Assert.Equal(version, (await grain.GetAsync()).Version);

        Assert.Equal(HttpStatusCode.OK, (await wuchuan.PostAsJsonAsync($"/api/v1/matters/{matter}/resolve", new { note = "已办结" })).StatusCode);
        Assert.Equal(MatterStatus.Resolved, (await grain.GetAsync()).Status);
    }

    [Theory]
    [InlineData("city.admin", 201)]
    [InlineData("wuchuan.officer", 403)]
    [InlineData("leader.secretary", 403)]
    public async Task OnlyTheCityOpensAMeeting(string username, int expected)
    {
        var index = platform.Grains.GetGrain<IMeetingIndexGrain>("440881");
        var before = (await index.ListAsync()).Length;
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync("/api/v1/meetings", new
        {
            cityCode = "440800", countyCode = "440881", date = "2023-06-20", title = "权限测试现场办公会", host = "市长", attendees = new[] { "市领导" }, year = 2023, month = 5,
        });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(before + (expected == 201 ? 1 : 0), (await index.ListAsync()).Length);
    }

    [Theory]
    [InlineData("tangzhui.officer", "440883107", 200)]
    [InlineData("tangzhui.officer", "440883102", 403)]
    [InlineData("lianjiang.officer", "440881", 200)]
    [InlineData("wuchuan.officer", "440881", 403)]
    public async Task ADivisionReportsProgressOnlyOnItsOwnShareOfADirective(string username, string code, int expected)
    {
        // The demo's directive that reaches both Lianjiang and Tangzhui town (other tests issue directives of their own).
        IDirectiveGrain? grain = null;
        foreach (var entry in await platform.Grains.GetGrain<IDirectiveIndexGrain>("440883107").ListAsync())
        {
            var candidate = platform.Grains.GetGrain<IDirectiveGrain>(entry.Id);
            if ((await candidate.GetAsync()).Counties.Any(c => c.Code == "440881"))
            {
                grain = candidate;
                break;
            }
        }

        Assert.NotNull(grain);
        var directive = grain.GetPrimaryKeyString();
        var before = await grain.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync($"/api/v1/directives/{directive}/progress/{code}", new { percent = 81, note = "权限测试" });

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 403)
        {
            Assert.Equal(JsonSerializer.Serialize(before.Counties), JsonSerializer.Serialize((await grain.GetAsync()).Counties));
        }
    }

    [Theory]
    [InlineData("leader.secretary", "440800-swsj", 201)]
    [InlineData("leader.secretary", "440800-sz", 403)]
    [InlineData("wuchuan.officer", "440800-swsj", 403)]
    public async Task ALeaderRecordsOnlyItsOwnVisits(string username, string leader, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync("/api/v1/visits", new
        {
            leaderId = leader, date = "2023-06-21", projectCodes = new[] { "2023-440883-48-01-000123" }, findings = "权限测试调研",
        });

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("wuchuan.officer", 403)]
    [InlineData("city.admin", 200)]
    public async Task LinkingAProjectToALeaderIsTheCitys(string username, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync("/api/v1/projects/2021-440883-48-01-321495/leader", new { leaderId = "440800-sz" });

        Assert.Equal(expected, (int)response.StatusCode);
    }

    private async Task<string> PendingMatterAsync(string department)
    {
        var matters = await platform.Grains.GetGrain<IDepartmentGrain>(department).GetMattersAsync(null);
        return matters.First(m => m.PendingDepartments.Contains(department) && m.Departments.Length > 1).Id;
    }
}
