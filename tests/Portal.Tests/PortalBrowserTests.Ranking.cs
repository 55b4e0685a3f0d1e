using DocumentFormat.OpenXml.Packaging;
using Liandong.Reporting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using MiniExcelLibs;

namespace Liandong.Portal.Tests;

/// <summary>The 比学赶超 page, the briefing download and the spreadsheet import with its error table.</summary>
public sealed partial class PortalBrowserTests
{
    [Fact]
    public async Task TheCityAdminSeesTheCountyRankingAndDownloadsTheBriefingAsWord()
    {
        await Session.SignInAsync("city.admin");
        await Page.GotoAsync("/ranking?year=2023&month=5");

        await Expect(Page.GetByTestId("ranking-table").Locator("tbody tr")).ToHaveCountAsync(9);
        await Expect(Page.GetByTestId("ranking-table")).ToContainTextAsync("吴川市");
        await Expect(Page.GetByTestId("ranking-table")).ToContainTextAsync("完成率");
        await ShotAsync("20-ranking");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("briefing-docx").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"briefing-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var word = WordprocessingDocument.Open(path, false);
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("湛江市重点项目建设情况通报（2023年1–5月）", text, StringComparison.Ordinal);
            Assert.Contains("吴川市", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ACountyOfficerUploadsATemplateWithAnErrorAndSeesTheErrorTableWithNothingImported()
    {
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/import");
        await Session.WaitInteractiveAsync();

        const string good = "BROWSER-IMPORT-0001";
        using var sheet = new MemoryStream();
        sheet.SaveAs(new[]
        {
            new Dictionary<string, object>
            {
                ["项目代码"] = good, ["项目名称"] = "浏览器导入项目", ["镇（街道）代码"] = "440883107", ["类别"] = "产业", ["子类别"] = "",
                ["阶段"] = "续建", ["总投资（万元）"] = 20000, ["计划年度"] = 2023, ["年度计划投资（万元）"] = 5000, ["开工日期"] = "2023-02-01", ["计划竣工日期"] = "2025-06-30",
            },
            new Dictionary<string, object>
            {
                ["项目代码"] = "BROWSER-IMPORT-0002", ["项目名称"] = "有错误的项目", ["镇（街道）代码"] = "440883107", ["类别"] = "产业", ["子类别"] = "",
                ["阶段"] = "开工中", ["总投资（万元）"] = 20000, ["计划年度"] = 2023, ["年度计划投资（万元）"] = 5000, ["开工日期"] = "2023-02-01", ["计划竣工日期"] = "2025-06-30",
            },
        });

        await Page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "项目导入.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = sheet.ToArray(),
        });
        await Expect(Page.GetByTestId("import-submit")).ToBeEnabledAsync();
        await Page.GetByTestId("import-submit").ClickAsync();

        var errors = Page.GetByTestId("import-errors");
        await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(errors.Locator("tbody tr").First).ToContainTextAsync("阶段");
        await Expect(errors.Locator("tbody tr").First).ToContainTextAsync("3");
        await ShotAsync("21-import-errors");
        Assert.False(await Platform.Grains.GetGrain<IProjectGrain>(good).ExistsAsync());
    }

    [Fact]
    public async Task ACountyOfficerDownloadsTheWorkListAsExcelWithTheRowsThePageShows()
    {
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/tasks");
        var rows = Page.GetByTestId("task-table").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var titles = await Page.GetByTestId("task-table").Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("tasks-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"tasks-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var sheet = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(titles.Select(t => t.Trim()), sheet.Select(r => ((string)r["事项"]).Trim()));
            Assert.All(sheet, r => Assert.False(string.IsNullOrEmpty((string)r["类型"])));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
