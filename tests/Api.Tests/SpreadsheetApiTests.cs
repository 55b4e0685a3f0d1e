using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;

namespace Liandong.Api.Tests;

/// <summary>Spreadsheets in and out through the API: templates, imports all or nothing, dryRun, idempotent re-import, exports.</summary>
[Collection(ApiCollection.Name)]
public sealed class SpreadsheetApiTests(ApiFixture fixture)
{
    /// <summary>A sheet written with MiniExcel (not the front tier's own writer), as an official's Excel would save it.</summary>
    private static ByteArrayContent Sheet(params Dictionary<string, object>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }

    private static Dictionary<string, object> ProjectRow(string code, string town, string stage = "续建", object? total = null) => new()
    {
        ["项目代码"] = code, ["项目名称"] = "导入项目 " + code, ["镇（街道）代码"] = town, ["类别"] = "基础设施", ["子类别"] = "expressway",
        ["阶段"] = stage, ["总投资（万元）"] = total ?? 30000, ["计划年度"] = 2023, ["年度计划投资（万元）"] = 6000,
        ["开工日期"] = "2022-03-01", ["计划竣工日期"] = "2025-12-31",
    };

    private static Dictionary<string, object> ReportRow(string code, object amount, object? progress = null) => new()
    {
        ["项目代码"] = code, ["项目名称"] = "", ["本月完成投资（万元）"] = amount, ["形象进度（%）"] = progress ?? 30,
        ["形象进度描述"] = "路基施工", ["存在问题（多个用；分隔）"] = "征地未完成；管线迁改",
    };

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient http, string url, HttpContent content)
    {
        using var response = await http.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task ProjectsTemplateHasChineseHeadersAnExampleRowAndDropDowns()
    {
        var h = await Hierarchy.CreateAsync(fixture);

        using var response = await h.Http.GetAsync("/api/v1/templates/projects.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var example = Assert.Single(rows);
        Assert.Contains("项目名称", example.Keys);
        Assert.Equal("产业", example["类别"]);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var validations = doc.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().ToList();
        Assert.Equal(2, validations.Count);
        Assert.Contains(validations, v => v.Formula1!.Text.Contains("新开工", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProjectImportWithABadRowAnswersEveryErrorAndWritesNothing()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var good = $"IM-{h.City}-1";
        var bad = $"IM-{h.City}-2";

        var (status, body) = await PostAsync(h.Http, $"/api/v1/counties/{h.County}/projects/import",
            Sheet(ProjectRow(good, h.Town), ProjectRow(bad, "440881101", stage: "开工中", total: "很多")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var rows = body!["rows"]!.AsArray();
        Assert.All(rows, r => Assert.Equal(3, r!["row"]!.GetValue<int>()));
        Assert.Contains(rows, r => r!["column"].Text() == "阶段");
        Assert.Contains(rows, r => r!["column"].Text() == "总投资（万元）");
        Assert.Contains(rows, r => r!["column"].Text() == "镇（街道）代码");
        Assert.Equal(HttpStatusCode.NotFound, (await h.Http.GetJsonAsync($"/api/v1/projects/{good}")).Status);
    }

    [Fact]
    public async Task ProjectImportDryRunChecksOnlyAndAGoodFileWritesEveryRow()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var codes = new[] { $"IM-{h.City}-3", $"IM-{h.City}-4" };

        var dry = await PostAsync(h.Http, $"/api/v1/counties/{h.County}/projects/import?dryRun=true", Sheet(ProjectRow(codes[0], h.Town), ProjectRow(codes[1], h.OtherTown)));
        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.Equal(0, dry.Body!["created"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await h.Http.GetJsonAsync($"/api/v1/projects/{codes[0]}")).Status);

        var real = await PostAsync(h.Http, $"/api/v1/counties/{h.County}/projects/import", Sheet(ProjectRow(codes[0], h.Town), ProjectRow(codes[1], h.OtherTown)));
        Assert.Equal(HttpStatusCode.OK, real.Status);
        Assert.Equal(2, real.Body!["created"]!.GetValue<int>());
        var project = (await h.Http.GetJsonAsync($"/api/v1/projects/{codes[1]}")).Body!;
        Assert.Equal(h.OtherTown, project["townCode"].Text());

        // The same file again: every code now exists, so it is refused whole.
        var again = await PostAsync(h.Http, $"/api/v1/counties/{h.County}/projects/import", Sheet(ProjectRow(codes[0], h.Town), ProjectRow(codes[1], h.OtherTown)));
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(2, again.Body!["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task ReportImportIsAllOrNothingAndAReImportOfTheSameMonthChangesNothing()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var codes = new[] { $"IR-{h.City}-1", $"IR-{h.City}-2" };
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        }

        var url = $"/api/v1/counties/{h.County}/reports/import?year=2023&month=5";
        var bad = await PostAsync(h.Http, url, Sheet(ReportRow(codes[0], 800), ReportRow(codes[1], -5, progress: 130), ReportRow("NO-SUCH-PROJECT", 1)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var rows = bad.Body!["rows"]!.AsArray();
        Assert.Contains(rows, r => r!["row"]!.GetValue<int>() == 3 && r["column"].Text() == "本月完成投资（万元）");
        Assert.Contains(rows, r => r!["row"]!.GetValue<int>() == 3 && r["column"].Text() == "形象进度（%）");
        Assert.Contains(rows, r => r!["row"]!.GetValue<int>() == 4 && r["column"].Text() == "项目代码");
        Assert.Empty((await h.Http.GetJsonAsync($"/api/v1/projects/{codes[0]}/reports")).Body!.AsArray());

        var good = await PostAsync(h.Http, url, Sheet(ReportRow(codes[0], 800), ReportRow(codes[1], 450.5)));
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal(2, good.Body!["accepted"]!.GetValue<int>());
        Assert.Equal(2, good.Body["changed"]!.GetValue<int>());

        var again = await PostAsync(h.Http, url, Sheet(ReportRow(codes[0], 800), ReportRow(codes[1], 450.5)));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(0, again.Body!["changed"]!.GetValue<int>());
        Assert.Equal(2, again.Body["unchanged"]!.GetValue<int>());
        var reports = (await h.Http.GetJsonAsync($"/api/v1/projects/{codes[1]}/reports")).Body!.AsArray();
        var may = Assert.Single(reports);
        Assert.Equal(450.5m, may!["investmentCompleted"].Decimal());
        Assert.Empty(may["corrections"]!.AsArray());
    }

    [Fact]
    public async Task CountyProjectListExportsWithThePeriodsFigures()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"EX-{h.City}-1";
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        await h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 321 });
        await h.Http.EventuallyAsync($"/api/v1/counties/{h.County}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 321m);

        using var response = await h.Http.GetAsync($"/api/v1/counties/{h.County}/projects.xlsx?year=2023&month=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = new MemoryStream(await response.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        var row = Assert.Single(rows);
        Assert.Equal(code, row["项目代码"]);
        Assert.Equal(321m, Convert.ToDecimal(row["2023年1–5月完成投资（万元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12000m, Convert.ToDecimal(row["年度计划投资（万元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("甲镇", row["镇（街道）"]);
    }
}
