using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Liandong.Client.Portal;
using MiniExcelLibs;

namespace Liandong.Api.Tests;

/// <summary>The ranking, the rules, the 通报 and missing reports through the API (API.md "Ranking").</summary>
[Collection(ApiCollection.Name)]
public sealed class RankingApiTests(ApiFixture fixture)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Two counties: the hierarchy's own (甲镇 and 乙镇) and a second one with a town; a project in each with January–May 2023.</summary>
    private async Task<(Hierarchy H, string County2)> TwoCountiesAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var county2 = h.City[..4] + "81";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/counties/{county2}", new { name = "第二县", cityCode = h.City })).Status);
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/towns/{county2}101", new { name = "丙镇", countyCode = county2 })).Status);

        var first = $"RK-{h.City}-1";
        var second = $"RK-{h.City}-2";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(first))).Status);
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(second, county2 + "101"))).Status);
        for (var m = 1; m <= 5; m++)
        {
            // Plan 12,000 for 2023: the first project keeps the schedule (1,000 a month), the second does half.
            Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{first}/reports/2023/{m}", new { investmentCompleted = 1000 })).Status);
            Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{second}/reports/2023/{m}", new { investmentCompleted = 500 })).Status);
        }

        await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 7500m);
        return (h, county2);
    }

    [Fact]
    public async Task CountiesAreRankedWithTheirPartsAndLists()
    {
        var (h, county2) = await TwoCountiesAsync();

        var (status, body, _) = await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/ranking?year=2023&month=5");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body!["rulesVersion"]!.GetValue<long>());
        var entries = body["entries"]!.AsArray();
        Assert.Equal([h.County, county2], entries.Select(e => e!["code"].Text()));
        Assert.Equal(1, entries[0]!["rank"]!.GetValue<int>());
        Assert.Equal("red", entries[0]!["list"].Text());
        Assert.Equal("black", entries[1]!["list"].Text());
        foreach (var e in entries)
        {
            var parts = e!["parts"]!.AsArray();
            Assert.Equal(6, parts.Count);
            Assert.Equal(e["score"].Decimal(), parts.Sum(p => p!["points"].Decimal()));
        }

        // Completion 5,000 / 12,000 against 2,500 / 12,000: 30 points and 15.
        Assert.Equal(30m, entries[0]!["parts"]!.AsArray().Single(p => p!["indicator"].Text() == "completionRate")!["points"].Decimal());
        Assert.Equal(15m, entries[1]!["parts"]!.AsArray().Single(p => p!["indicator"].Text() == "completionRate")!["points"].Decimal());
    }

    [Fact]
    public async Task RankingRulesVersionsAreValidatedAndNewOnesRankOnlyTheirMonths()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var url = $"/api/v1/cities/{h.City}/ranking-rules";

        var bad = await h.Http.PutJsonAsync(url, new
        {
            effectiveFrom = NextMonth(),
            indicators = new[] { new { indicator = "completionRate", weight = 60 }, new { indicator = "leadsCounted", weight = 30 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Body!["errors"]!["indicators[1].indicator"]);
        Assert.NotNull(bad.Body["errors"]!["indicators"]);
        Assert.Equal(0, (await h.Http.GetJsonAsync(url)).Body!["bookVersion"]!.GetValue<long>());

        var (status, body, _) = await h.Http.PutJsonAsync(url, new
        {
            effectiveFrom = NextMonth(),
            indicators = new[] { new { indicator = "completionRate", weight = 70 }, new { indicator = "growthRate", weight = 30 } },
            redList = new { top = 1 },
            blackList = new { bottom = 1, exemptIfTargetMet = false },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["version"]!.GetValue<long>());

        // May 2023 is still ranked by the default rules.
        Assert.Equal(0, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/ranking?year=2023&month=5")).Body!["rulesVersion"]!.GetValue<long>());
        var (year, month) = NextMonthTuple();
        Assert.Equal(1, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/ranking?year={year}&month={month}")).Body!["rulesVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task LightRuleForAPastMonthIsRefusedAndAChangeLeavesPastMonthsAlone()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"LR-{h.City}-1";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        for (var m = 1; m <= 5; m++)
        {
            await h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/{m}", new { investmentCompleted = 500 });
        }

        var before = (await h.Http.GetJsonAsync($"/api/v1/projects/{code}?year=2023&month=5")).Body!["light"].Text();
        var url = $"/api/v1/cities/{h.City}/light-rule";

        var past = await h.Http.PutJsonAsync(url, new { effectiveFrom = new { year = 2023, month = 5 }, yellowBelow = 0.5, redBelow = 0.3 });
        Assert.Equal(HttpStatusCode.BadRequest, past.Status);
        Assert.NotNull(past.Body!["errors"]!["effectiveFrom"]);

        var (status, body, _) = await h.Http.PutJsonAsync(url, new { effectiveFrom = NextMonth(), yellowBelow = 0.1, redBelow = 0.05, reportDueDay = 10 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10, body!["reportDueDay"]!.GetValue<int>());
        Assert.Equal(6, (await h.Http.GetJsonAsync($"{url}?year=2023&month=5")).Body!["reportDueDay"]!.GetValue<int>());
        Assert.Equal(before, (await h.Http.GetJsonAsync($"/api/v1/projects/{code}?year=2023&month=5")).Body!["light"].Text());
    }

    [Fact]
    public async Task BriefingFilesCarryTheCountiesAndFiguresOfTheApi()
    {
        var (h, _) = await TwoCountiesAsync();
        var city = (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}?year=2023&month=5")).Body!;
        var cityName = city["name"].Text();
        var counties = city["counties"]!.AsArray()
            .Select(c => (Name: c!["name"].Text(), Completed: Formatting.Money(c["totals"]!["completedYtd"].Decimal(), Zh),
                Plan: Formatting.Money(c["totals"]!["annualPlan"].Decimal(), Zh)))
            .ToList();
        var title = $"{cityName}重点项目建设情况通报（2023年1–5月）";

        using var docx = await h.Http.GetAsync($"/api/v1/cities/{h.City}/briefings/2023/5.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            Assert.Equal(title, body.Elements<Paragraph>().First().InnerText);
            var rows = body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            foreach (var county in counties)
            {
                Assert.Contains(rows, r => r[0] == county.Name && r[2] == county.Plan && r[3] == county.Completed);
            }

            Assert.Contains(body.Descendants<Text>(), t => t.Text.Contains(Formatting.Money(city["totals"]!["completedYtd"].Decimal(), Zh), StringComparison.Ordinal));
        }

        using var xlsx = await h.Http.GetAsync($"/api/v1/cities/{h.City}/briefings/2023/5.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var sheet = stream.Query(useHeaderRow: true, sheetName: "各县情况").Cast<IDictionary<string, object>>().ToList();
            foreach (var county in counties)
            {
                Assert.Contains(sheet, r => (string)r["县（市、区）"] == county.Name && (string)r["累计完成"] == county.Completed && (string)r["年度计划"] == county.Plan);
            }

            stream.Position = 0;
            var ranking = stream.Query(useHeaderRow: true, sheetName: "比学赶超排名").Cast<IDictionary<string, object>>().ToList();
            Assert.Contains(ranking, r => (string)r["榜单"] == "红榜");
        }

        var md = await h.Http.GetStringAsync($"/api/v1/cities/{h.City}/briefings/2023/5.md");
        Assert.StartsWith("# " + title, md, StringComparison.Ordinal);
        Assert.All(counties, c => Assert.Contains($"| {c.Name} |", md, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/cities/{h.City}/briefings/2023/13.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/cities/{h.City}/briefings/2023/5.pdf")).StatusCode);
    }

    [Fact]
    public async Task MissingReportsListTheProjectsWithoutTheMonthsReport()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var reported = $"MR-{h.City}-1";
        var silent = $"MR-{h.City}-2";
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(reported));
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(silent, h.OtherTown));
        await h.Http.PutJsonAsync($"/api/v1/projects/{reported}/reports/2023/4", new { investmentCompleted = 100 });
        await h.Http.PutJsonAsync($"/api/v1/projects/{silent}/reports/2023/4", new { investmentCompleted = 100 });
        await h.Http.PutJsonAsync($"/api/v1/projects/{reported}/reports/2023/5", new { investmentCompleted = 100 });

        var body = await h.Http.EventuallyAsync($"/api/v1/counties/{h.County}/missing-reports?year=2023&month=5",
            b => b["projects"]!.AsArray().Count == 1);

        Assert.True(body["pastDue"]!.GetValue<bool>());
        Assert.Equal("2023-06-06", body["dueDate"].Text());
        var missing = Assert.Single(body["projects"]!.AsArray());
        Assert.Equal(silent, missing!["code"].Text());
        Assert.Equal(h.OtherTown, missing["townCode"].Text());
    }

    private static (int year, int month) NextMonthTuple()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var next = now.AddMonths(1);
        return (next.Year, next.Month);
    }

    private static object NextMonth()
    {
        var (year, month) = NextMonthTuple();
        return new { year, month };
    }
}
