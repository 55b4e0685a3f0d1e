using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liandong.Tenders;

namespace Liandong.Portal.Tests;

/// <summary>
/// Tender supervision by role: a project's processes are entered by its county (and town) and its owner;
/// bidder details, alerts, coverage and the summary are for inspectors and the command office only — a
/// project's county officer, owner and linked leader get 403; only an inspector reviews, and a refused
/// review changes nothing. The demo's Wuchuan processes trip each check the issue names.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenderAuthorizationTests(PlatformFixture platform)
{
    private const string Park = "2021-440883-48-01-165184";       // owned by owner.demo, linked to leader.secretary
    private const string Hospital = "2021-440883-84-01-355249";   // 吴川市, another owner (none)
    private const string Serial = "WC-T-121";                     // a park process (TenderDemo)
    private const string Flags = "/api/v1/cities/440800/integrity/flags";

    public static TheoryData<string, string, int> Reads => new()
    {
        { "wuchuan.officer", $"/api/v1/projects/{Park}/tenders", 200 },
        { "owner.demo", $"/api/v1/projects/{Park}/tenders", 200 },
        { "leader.secretary", $"/api/v1/projects/{Park}/tenders", 200 },
        { "inspector.demo", $"/api/v1/projects/{Park}/tenders", 200 },
        { "lianjiang.officer", $"/api/v1/projects/{Park}/tenders", 403 },
        { "bank.icbc", $"/api/v1/projects/{Park}/tenders", 403 },
        { "owner.demo", $"/api/v1/projects/{Hospital}/tenders", 403 },

        { "inspector.demo", $"/api/v1/tenders/{Serial}", 200 },
        { "city.admin", $"/api/v1/tenders/{Serial}", 200 },
        { "wuchuan.officer", $"/api/v1/tenders/{Serial}", 403 },
        { "tangzhui.officer", $"/api/v1/tenders/{Serial}", 403 },
        { "owner.demo", $"/api/v1/tenders/{Serial}", 403 },
        { "leader.secretary", $"/api/v1/tenders/{Serial}", 403 },
        { "dept.zrzyj", $"/api/v1/tenders/{Serial}", 403 },
        { "bank.icbc", $"/api/v1/tenders/{Serial}", 403 },
        { "ops.demo", $"/api/v1/tenders/{Serial}", 403 },

        { "inspector.demo", Flags, 200 },
        { "city.admin", Flags, 200 },
        { "wuchuan.officer", Flags, 403 },
        { "wuchuan.officer", Flags + "?county=440883", 403 },
        { "tangzhui.officer", Flags, 403 },
        { "owner.demo", Flags, 403 },
        { "leader.secretary", Flags, 403 },
        { "dept.zrzyj", Flags, 403 },
        { "ops.demo", Flags, 403 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/integrity/flags", 403 },

        { "inspector.demo", "/api/v1/cities/440800/integrity/summary", 200 },
        { "city.admin", "/api/v1/cities/440800/integrity/summary", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/integrity/summary", 403 },
        { "owner.demo", "/api/v1/cities/440800/integrity/summary", 403 },
        { "leader.secretary", "/api/v1/cities/440800/integrity/summary", 403 },

        { "inspector.demo", "/api/v1/cities/440800/integrity/coverage", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/integrity/coverage", 403 },
        { "leader.secretary", "/api/v1/cities/440800/integrity/coverage", 403 },

        { "city.admin", "/api/v1/cities/440800/integrity/settings", 200 },
        { "owner.demo", "/api/v1/cities/440800/integrity/settings", 403 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task ATenderOrIntegrityReadAnswersAsTheRoleAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);
        var response = await client.GetAsync(path);
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("wuchuan.officer", "CN-window", 403)]
    [InlineData("owner.demo", "CN-serialWinner", 403)]
    [InlineData("leader.secretary", "CN-serialWinner", 403)]
    public async Task OneAlertIsReadOnlyByInspectorsAndTheCommandOffice(string username, string indicator, int expected)
    {
        var id = await AlertIdAsync(indicator);
        using var client = await platform.SignedInAsync(username);
        Assert.Equal(expected, (int)(await client.GetAsync($"/api/v1/integrity/flags/{id}")).StatusCode);
        using var inspector = await platform.SignedInAsync("inspector.demo");
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/v1/integrity/flags/{id}")).StatusCode);
    }

    [Fact]
    public async Task OnlyAnInspectorReviewsAndARefusedReviewChangesNothing()
    {
        var id = await AlertIdAsync("CN-bidders");
        var integrity = platform.Grains.GetGrain<IIntegrityGrain>("440800");
        var before = await integrity.GetFlagAsync(id);
        foreach (var username in new[] { "wuchuan.officer", "owner.demo", "leader.secretary", "city.admin", "tangzhui.officer" })
        {
            using var client = await platform.SignedInAsync(username);
            var refused = await client.PostAsJsonAsync($"/api/v1/integrity/flags/{id}/review", new { outcome = "dismissed", note = "越权" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var unchanged = await integrity.GetFlagAsync(id);
        Assert.Equal(before.Status, unchanged.Status);
        Assert.Equal(before.Reviews.Length, unchanged.Reviews.Length);

        using var inspector = await platform.SignedInAsync("inspector.demo");
        var ok = await inspector.PostAsJsonAsync($"/api/v1/integrity/flags/{id}/review", new { outcome = "confirmed", note = "两家投标即开标，已责令重新招标" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("inspector.demo", (await integrity.GetFlagAsync(id)).Reviews[^1].By);
    }

    [Theory]
    [InlineData("wuchuan.officer", Park, 201)]
    [InlineData("owner.demo", Park, 201)]
    [InlineData("city.admin", Park, 201)]
    [InlineData("owner.demo", Hospital, 403)]
    [InlineData("lianjiang.officer", Park, 403)]
    [InlineData("inspector.demo", Park, 403)]
    [InlineData("leader.secretary", Park, 403)]
    [InlineData("bank.icbc", Park, 403)]
    public async Task AProcessIsEnteredByTheProjectsDivisionsAndOwnerOnly(string username, string project, int expected)
    {
        var index = platform.Grains.GetGrain<IProjectTendersGrain>(project);
        var before = (await index.ListAsync()).Length;
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync($"/api/v1/projects/{project}/tenders", Clean());

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected == 201 ? before + 1 : before, (await index.ListAsync()).Length);
        if (expected == 201)
        {
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            using var lianjiang = await platform.SignedInAsync("lianjiang.officer");
            Assert.Equal(HttpStatusCode.Forbidden, (await lianjiang.PutAsJsonAsync($"/api/v1/projects/{project}/tenders/{id}", Clean())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/projects/{project}/tenders/{id}", Clean())).StatusCode);
        }
    }

    [Theory]
    [InlineData("wuchuan.officer", 403)]
    [InlineData("inspector.demo", 403)]
    [InlineData("owner.demo", 403)]
    [InlineData("city.admin", 200)]
    public async Task OnlyTheCommandOfficeImportsOcdsAndSetsTheThresholds(string username, int expected)
    {
        using var client = await platform.SignedInAsync(username);
        var release = """{"ocid":"ocds-demo-auth-USER","tender":{"title":"导入测试","mainProcurementCategory":"services","procurementMethod":"direct"}}""".Replace("USER", username, StringComparison.Ordinal);
        using var content = new StringContent(release, Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(expected, (int)(await client.PostAsync("/api/v1/cities/440800/tenders/ocds", content)).StatusCode);
        Assert.Equal(expected, (int)(await client.PutAsJsonAsync("/api/v1/cities/440800/integrity/settings", new { minBidWindowDays = 20 })).StatusCode);
    }

    [Fact]
    public async Task TheDemoTripsEachCheckTheIssueNames()
    {
        using var inspector = await platform.SignedInAsync("inspector.demo");
        var body = await inspector.GetFromJsonAsync<JsonElement>(Flags);
        var flags = body.GetProperty("flags").EnumerateArray().ToList();
        bool Has(string indicator, Func<JsonElement, bool> match) => flags.Any(f => f.GetProperty("indicator").GetString() == indicator && match(f));
        string? Tender(JsonElement f) => f.GetProperty("tenderId").GetString();

        Assert.True(Has("CN-window", f => Tender(f) == "WC-T-101"));
        Assert.True(Has("CN-bidders", f => Tender(f) == "WC-T-102"));
        Assert.True(Has("CN-related", f => Tender(f) == "WC-T-103"));
        Assert.True(Has("CN-split", f => f.GetProperty("evidence").GetProperty("processes").GetArrayLength() == 3));
        Assert.True(Has("CN-serialWinner", f => f.GetProperty("value").GetDouble() == 5));
        Assert.True(body.GetProperty("fences").TryGetProperty("R024", out var fence));
        Assert.True(fence.GetProperty("sampleSize").GetInt32() >= 20);
    }

    private async Task<string> AlertIdAsync(string indicator)
    {
        var (flags, _) = await platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagsAsync();
        return flags.First(f => f.Indicator == indicator).Id;
    }

    private static object Clean() => new
    {
        title = "授权测试（演示）",
        kind = "services",
        method = "open",
        budget = 120,
        stateFunded = true,
        noticeDate = "2023-05-01",
        documentsFrom = "2023-05-02",
        documentsTo = "2023-05-08",
        bidDeadline = "2023-05-25",
        bidBondPercent = 1,
        bidders = Array.Empty<object>(),
    };
}
