using System.Net.Http.Headers;
using System.Net.Http.Json;
using MiniExcelLibs;

namespace Liandong.Portal.Tests;

/// <summary>
/// The ranking, briefing, rules, spreadsheet and missing-report routes by role: the city publishes rankings and
/// briefings to its officials; rules are the command office's to change; imports and lists follow the divisions.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RankingAuthorizationTests(PlatformFixture platform)
{
    public static TheoryData<string, string, int> Reads => new()
    {
        { "city.admin", "/api/v1/cities/440800/ranking?year=2023&month=5", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/ranking?year=2023&month=5", 403 },
        { "city.admin", "/api/v1/cities/440800/briefings/2023/5.md", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/briefings/2023/5.md", 403 },
        { "city.admin", "/api/v1/cities/440800/projects.xlsx?year=2023&month=5", 200 },
        { "city.admin", "/api/v1/cities/440800/light-rule", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/ranking?year=2023&month=5", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/ranking?year=2023&month=5&level=town&county=440883", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/ranking?year=2023&month=5&level=town&county=440881", 403 },
        { "wuchuan.officer", "/api/v1/cities/440800/briefings/2023/5.md", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/ranking-rules", 200 },
        { "wuchuan.officer", "/api/v1/counties/440883/missing-reports?year=2023&month=5", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881/missing-reports?year=2023&month=5", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/projects.xlsx?year=2023&month=5", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881/projects.xlsx?year=2023&month=5", 403 },
        { "wuchuan.officer", "/api/v1/cities/440800/projects.xlsx?year=2023&month=5", 403 },
        { "wuchuan.officer", "/api/v1/templates/reports.xlsx", 200 },
        { "tangzhui.officer", "/api/v1/cities/440800/ranking?year=2023&month=5&level=town&county=440883", 403 },
        { "dept.zrzyj", "/api/v1/cities/440800/ranking?year=2023&month=5&level=department", 200 },
        { "leader.secretary", "/api/v1/cities/440800/briefings/2023/5.md", 200 },
        { "inspector.demo", "/api/v1/cities/440800/ranking?year=2023&month=5", 200 },
        { "owner.demo", "/api/v1/cities/440800/ranking?year=2023&month=5", 403 },
        { "owner.demo", "/api/v1/cities/440800/briefings/2023/5.md", 403 },
        { "bank.icbc", "/api/v1/cities/440800/ranking?year=2023&month=5", 403 },
        { "ops.demo", "/api/v1/cities/440800/ranking?year=2023&month=5", 403 },
        { "ops.demo", "/api/v1/cities/440800/briefings/2023/5.md", 403 },

        // The lists' .xlsx answer exactly as their JSON routes do.
        { "wuchuan.officer", "/api/v1/me/tasks.xlsx", 200 },
        { "ops.demo", "/api/v1/me/tasks.xlsx", 200 },
        { "wuchuan.officer", "/api/v1/counties/440883/missing-reports.xlsx?year=2023&month=5", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881/missing-reports.xlsx?year=2023&month=5", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/matters.xlsx", 200 },
        { "wuchuan.officer", "/api/v1/counties/440881/matters.xlsx", 403 },
        { "owner.demo", "/api/v1/counties/440883/matters.xlsx", 403 },
        { "dept.zrzyj", "/api/v1/departments/440800-zrzyj/matters.xlsx", 200 },
        { "dept.zrzyj", "/api/v1/departments/440800-zjj/matters.xlsx", 403 },
        { "city.admin", "/api/v1/cities/440800/leaders.xlsx", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/matters.xlsx", 403 },
        { "city.admin", "/api/v1/cities/440800/financing.xlsx", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/financing.xlsx", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/financing.xlsx", 200 },
        { "lianjiang.officer", "/api/v1/counties/440883/financing.xlsx", 403 },
        { "dept.zrzyj", "/api/v1/cities/440800/financing.xlsx", 403 },
        { "city.admin", "/api/v1/cities/440800/leads.xlsx", 200 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task ARankingReadAnswersAsTheRolesJurisdictionAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    public static TheoryData<string, string> RuleWriters => new()
    {
        { "wuchuan.officer", "light-rule" },
        { "dept.zrzyj", "light-rule" },
        { "leader.secretary", "ranking-rules" },
        { "wuchuan.officer", "ranking-rules" },
    };

    [Theory]
    [MemberData(nameof(RuleWriters))]
    public async Task OnlyTheCommandOfficeChangesTheCitysRules(string username, string rules)
    {
        using var client = await platform.SignedInAsync(username);
        using var admin = await platform.SignedInAsync("city.admin");
        var before = await admin.GetStringAsync($"/api/v1/cities/440800/{rules}");
        var next = DateTime.UtcNow.AddHours(8).AddMonths(1);
        object body = rules == "light-rule"
            ? new { effectiveFrom = new { year = next.Year, month = next.Month }, yellowBelow = 0.5, redBelow = 0.3 }
            : new { effectiveFrom = new { year = next.Year, month = next.Month }, indicators = new[] { new { indicator = "completionRate", weight = 100 } } };

        var response = await client.PutAsJsonAsync($"/api/v1/cities/440800/{rules}", body);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(before, await admin.GetStringAsync($"/api/v1/cities/440800/{rules}"));
    }

    [Theory]
    [InlineData("wuchuan.officer", "440881")]
    [InlineData("tangzhui.officer", "440883")]
    [InlineData("dept.zrzyj", "440883")]
    public async Task AnImportOutsideTheJurisdictionIsRefusedAndWritesNothing(string username, string county)
    {
        using var client = await platform.SignedInAsync(username);
        var code = $"AUTH-IMPORT-{county}-{username.Length}";
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object>
            {
                ["项目代码"] = code, ["项目名称"] = "越权导入", ["镇（街道）代码"] = county + "101", ["类别"] = "产业", ["阶段"] = "续建", ["总投资（万元）"] = 1000,
            },
        });
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var response = await client.PostAsync($"/api/v1/counties/{county}/projects/import", content);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.False(await platform.Grains.GetGrain<Liandong.Reporting.IProjectGrain>(code).ExistsAsync());
    }
}
