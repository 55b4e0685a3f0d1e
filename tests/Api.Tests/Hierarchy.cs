namespace Liandong.Api.Tests;

/// <summary>
/// A fresh city with one county and two towns, registered through the API by that city's command office;
/// <see cref="Http"/> acts as that office.
/// </summary>
internal sealed record Hierarchy(string City, string County, string Town, string OtherTown, HttpClient Http)
{
    private static int _next = 10;

    public static async Task<Hierarchy> CreateAsync(ApiFixture fixture)
    {
        var n = Interlocked.Increment(ref _next);
        var city = $"{n % 80 + 11:D2}{n / 80 % 80 + 11:D2}00";
        var county = city[..4] + "83";
        var http = fixture.AdminOf(city);
        var h = new Hierarchy(city, county, county + "101", county + "102", http);
        await Expect(http.PutJsonAsync($"/api/v1/cities/{city}", new { name = $"测试市{n}" }));
        await Expect(http.PutJsonAsync($"/api/v1/counties/{county}", new { name = "测试县", cityCode = city }));
        await Expect(http.PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = "甲镇", countyCode = county }));
        await Expect(http.PutJsonAsync($"/api/v1/towns/{h.OtherTown}", new { name = "乙镇", countyCode = county }));
        return h;
    }

    public object Project(string code, string? town = null, int startYear = 2022) => new
    {
        code,
        name = "测试项目 " + code,
        townCode = town ?? Town,
        category = "infrastructure",
        subCategory = "expressway",
        stage = "continuing",
        totalInvestment = 50000,
        annualPlans = new[] { new { year = 2022, amount = 9000 }, new { year = 2023, amount = 12000 } },
        startDate = $"{startYear}-03-01",
        plannedCompletionDate = "2026-12-31",
    };

    private static async Task Expect(Task<(System.Net.HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body, string? ContentType)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Created, $"{status}: {body.Json()}");
    }
}
