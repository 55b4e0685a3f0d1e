using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Finance;
using MiniExcelLibs;

namespace Liandong.Api.Tests;

/// <summary>
/// Every list as .xlsx: each export is opened here (with MiniExcel, not the front tier's writer) and its rows compared
/// with the JSON list of the same route, in the same order, with Chinese headers and amounts in 万元.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportsApiTests(ApiFixture fixture)
{
    private static List<IDictionary<string, object>> Rows(byte[] xlsx) =>
        new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

    private static async Task<List<IDictionary<string, object>>> XlsxAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".xlsx", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        return Rows(await response.Content.ReadAsByteArrayAsync());
    }

    private static decimal Number(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task MattersOfAJurisdictionAndOfADepartmentExportTheRowsTheListShows()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        string[] departments = [$"{h.City}-zrzyj", $"{h.City}-zjj"];
        foreach (var d in departments)
        {
            await h.Http.PutJsonAsync($"/api/v1/departments/{d}", new { name = d.EndsWith("zrzyj", StringComparison.Ordinal) ? "市自然资源局" : "市住建局", cityCode = h.City });
        }

        foreach (var (title, due, assigned) in new[] { ("用地指标", "2099-12-31", departments), ("施工许可", "2099-11-30", departments[1..]) })
        {
            var (status, _, _) = await h.Http.PostJsonAsync("/api/v1/matters",
                new { title, detail = "说明", raisedBy = h.County, projectCode = (string?)null, addressedTo = h.City, departments = assigned, dueDate = due });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        var list = (await h.Http.EventuallyAsync($"/api/v1/counties/{h.County}/matters", b => b.AsArray().Count == 2)).AsArray();
        var rows = await XlsxAsync(h.Http, $"/api/v1/counties/{h.County}/matters.xlsx");
        Assert.Equal(list.Select(m => m!["id"].Text()), rows.Select(r => (string)r["编号"]));
        Assert.Equal(list.Select(m => m!["title"].Text()), rows.Select(r => (string)r["事项"]));
        Assert.All(rows, r => Assert.Equal("办理中", r["状态"]));
        Assert.Equal("2099-12-31", rows.Single(r => (string)r["事项"] == "用地指标")["办理时限"]);

        var departmentList = (await h.Http.EventuallyAsync($"/api/v1/departments/{departments[0]}/matters", b => b.AsArray().Count == 1)).AsArray();
        var departmentRows = await XlsxAsync(h.Http, $"/api/v1/departments/{departments[0]}/matters.xlsx");
        Assert.Equal(departmentList.Select(m => m!["id"].Text()), departmentRows.Select(r => (string)r["编号"]));

        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/counties/{h.County}/matters.xlsx?status=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.AdminOf("449900").GetAsync($"/api/v1/counties/{h.County}/matters.xlsx")).StatusCode);
    }

    [Fact]
    public async Task MissingReportsExportPerCountyAndPerTownAsTheListDoes()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        string[] codes = [$"XM-{h.City}-1", $"XM-{h.City}-2", $"XM-{h.City}-3"];
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(codes[0]));
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(codes[1]));
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(codes[2], h.OtherTown));
        await h.Http.PutJsonAsync($"/api/v1/projects/{codes[0]}/reports/2023/5", new { investmentCompleted = 10 });

        var body = await h.Http.EventuallyAsync($"/api/v1/counties/{h.County}/missing-reports?year=2023&month=5", b => b["projects"]!.AsArray().Count == 2);
        var rows = await XlsxAsync(h.Http, $"/api/v1/counties/{h.County}/missing-reports.xlsx?year=2023&month=5");
        Assert.Equal(body["projects"]!.AsArray().Select(p => p!["code"].Text()), rows.Select(r => (string)r["项目代码"]));
        Assert.Equal(["甲镇", "乙镇"], rows.Select(r => (string)r["镇（街道）"]));
        Assert.All(rows, r => Assert.Equal("续建", r["阶段"]));
        Assert.All(rows, r => Assert.Equal("2023-06-06", r["截止日期"]));

        var town = await h.Http.GetJsonAsync($"/api/v1/towns/{h.OtherTown}/missing-reports?year=2023&month=5");
        var townRows = await XlsxAsync(h.Http, $"/api/v1/towns/{h.OtherTown}/missing-reports.xlsx?year=2023&month=5");
        Assert.Equal([codes[2]], town.Body!["projects"]!.AsArray().Select(p => p!["code"].Text()));
        Assert.Equal([codes[2]], townRows.Select(r => (string)r["项目代码"]));

        var townOfficer = fixture.As(new CurrentUser($"api-tests.town.{h.OtherTown}", "乙镇", UserRole.TownOfficer, h.OtherTown, h.City));
        Assert.Equal(HttpStatusCode.OK, (await townOfficer.GetAsync($"/api/v1/towns/{h.OtherTown}/missing-reports.xlsx?year=2023&month=5")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await townOfficer.GetAsync($"/api/v1/counties/{h.County}/missing-reports.xlsx?year=2023&month=5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/towns/{h.County}/missing-reports.xlsx")).StatusCode);
    }

    [Fact]
    public async Task TheWorkListExportsTheTasksOfTheCountysMonthlyReports()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var last = today.AddMonths(-1);
        var project = $"XT-{h.City}-1";
        var (status, _, _) = await h.Http.PostJsonAsync("/api/v1/projects", new
        {
            code = project,
            name = "测试项目 " + project,
            townCode = h.Town,
            category = "infrastructure",
            subCategory = "expressway",
            stage = "continuing",
            totalInvestment = 50000,
            annualPlans = new[] { new { year = last.Year, amount = 12000 } },
            startDate = $"{last.Year - 1}-03-01",
            plannedCompletionDate = $"{today.Year + 3}-12-31",
        });
        Assert.Equal(HttpStatusCode.Created, status);

        var county = fixture.As(new CurrentUser($"api-tests.county.{h.County}", "测试县", UserRole.CountyOfficer, h.County, h.City));
        var tasks = (await county.EventuallyAsync("/api/v1/me/tasks", b => b["tasks"]!.AsArray().Any(t => t!["kind"].Text().StartsWith("reports.", StringComparison.Ordinal))))["tasks"]!.AsArray();
        var task = tasks.Single(t => t!["kind"].Text().StartsWith("reports.", StringComparison.Ordinal))!;
        Assert.Equal(today.Day <= 6 ? "reports.dueSoon" : "reports.missing", task["kind"].Text());
        Assert.Contains("1个项目未报送", task["title"].Text(), StringComparison.Ordinal);

        var rows = await XlsxAsync(county, "/api/v1/me/tasks.xlsx");
        Assert.Equal(tasks.Select(t => t!["title"].Text()), rows.Select(r => (string)r["事项"]));
        Assert.Equal(tasks.Select(t => t!["id"].Text()), rows.Select(r => (string)r["编号"]));
        var row = rows.Single(r => (string)r["编号"] == task["id"].Text());
        Assert.Equal(today.Day <= 6 ? "月报即将截止" : "缺报", row["类型"]);
    }

    [Fact]
    public async Task FinancingLeadsTendersAlertsAndLeadersExportTheirListsWithAmountsInWan()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var financing = (await h.Http.GetJsonAsync($"/api/v1/counties/{h.County}/financing")).Body!;
        var financingRows = await XlsxAsync(h.Http, $"/api/v1/counties/{h.County}/financing.xlsx");
        Assert.Equal(financing["requests"]!.AsArray().Count, financingRows.Count);

        var leads = (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/leads")).Body!["leads"]!.AsArray();
        Assert.Equal(leads.Count, (await XlsxAsync(h.Http, $"/api/v1/cities/{h.City}/leads.xlsx")).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/cities/{h.City}/leads.xlsx?stage=flying")).StatusCode);

        // A project's procurement process and the alert it raises (a bid window of 10 days, under the legal 20).
        var tendered = $"XP-{h.City}-1";
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(tendered));
        var (created, _, _) = await h.Http.PostJsonAsync($"/api/v1/projects/{tendered}/tenders", new
        {
            title = "导出测试道路施工", kind = "works", method = "open", budget = 800m, stateFunded = true, noticeDate = "2023-03-01",
            documentsFrom = "2023-03-02", documentsTo = "2023-03-08", bidDeadline = "2023-03-12", bidBondPercent = 2,
            bidders = new object[]
            {
                new { id = "A", name = "甲公司", contactPhone = "0759-1", price = 700, status = "valid" },
                new { id = "B", name = "乙公司", contactPhone = "0759-2", price = 730, status = "valid" },
            },
            awardDate = "2023-04-01", winnerId = "A", awardPrice = 700, contractDate = "2023-04-15", performanceBondPercent = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created);
        var processes = (await h.Http.GetJsonAsync($"/api/v1/projects/{tendered}/tenders")).Body!["tenders"]!.AsArray();
        var processRows = await XlsxAsync(h.Http, $"/api/v1/projects/{tendered}/tenders.xlsx");
        Assert.Equal(processes.Select(t => t!["id"].Text()), processRows.Select(r => (string)r["编号"]));
        Assert.Equal("施工", Assert.Single(processRows)["类型"]);
        Assert.Equal(800m, Number(processRows[0]["预算（万元）"]));
        Assert.Equal(2m, Number(processRows[0]["投标人数"]));

        var flags = (await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}/integrity/flags", b => b["flags"]!.AsArray().Count > 0))["flags"]!.AsArray();
        var flagRows = await XlsxAsync(h.Http, $"/api/v1/cities/{h.City}/integrity/flags.xlsx");
        Assert.Equal(flags.Select(f => f!["id"].Text()), flagRows.Select(r => (string)r["编号"]));

        // A leader with one linked project: one row with the project's figures in 万元.
        var code = $"XL-{h.City}-1";
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        await h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 321 });
        var leaderId = $"{h.City}-mayor";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/leaders/{leaderId}", new { title = "市长", body = "government", cityCode = h.City })).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{code}/leader", new { leaderId })).Status);
        await h.Http.EventuallyAsync($"/api/v1/leaders/{leaderId}?year=2023&month=5", b => b["projects"]!.AsArray().Any(p => p!["completedYtd"].Decimal() == 321m));
        var leaderRows = await XlsxAsync(h.Http, $"/api/v1/cities/{h.City}/leaders.xlsx?year=2023&month=5");
        var row = Assert.Single(leaderRows);
        Assert.Equal("市长", row["领导"]);
        Assert.Equal(code, row["项目代码"]);
        Assert.Equal(321m, Number(row["本年完成投资（万元）"]));
        Assert.Equal(12000m, Number(row["年度计划投资（万元）"]));
    }

    [Fact]
    public async Task MeetingsDirectivesAndAProjectsFactorNeedsExportTheRowsTheirListsShow()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        foreach (var (title, date) in new[] { ("一季度现场办公会", "2023-04-08"), ("二季度现场办公会", "2023-07-08") })
        {
            var opened = await h.Http.PostJsonAsync("/api/v1/meetings", new
            {
                cityCode = h.City, countyCode = h.County, date, title, host = "市委书记", attendees = new[] { "市领导" }, year = 2023, month = 3,
            });
            Assert.Equal(HttpStatusCode.Created, opened.Status);
        }

        foreach (var segment in new[] { $"cities/{h.City}", $"counties/{h.County}" })
        {
            var meetings = (await h.Http.EventuallyAsync($"/api/v1/{segment}/meetings", b => b.AsArray().Count == 2)).AsArray();
            var meetingRows = await XlsxAsync(h.Http, $"/api/v1/{segment}/meetings.xlsx");
            Assert.Equal(meetings.Select(m => m!["id"].Text()), meetingRows.Select(r => (string)r["编号"]));
            Assert.Equal(meetings.Select(m => m!["title"].Text()), meetingRows.Select(r => (string)r["会议"]));
            Assert.Equal(meetings.Select(m => m!["date"].Text()), meetingRows.Select(r => (string)r["日期"]));
            Assert.All(meetingRows, r => Assert.Equal("测试县", r["县（市、区）"]));
        }

        var issued = await h.Http.PostJsonAsync("/api/v1/directives", new
        {
            cityCode = h.City, title = "百县千镇万村高质量发展工程", detail = "典型镇培育", dueDate = "2099-12-31", countyCodes = new[] { h.County },
        });
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        var directive = issued.Body!["id"].Text();
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/directives/{directive}/progress/{h.County}", new { percent = 40 })).Status);
        var directives = (await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}/directives", b => b.AsArray().Any(d => d!["percent"].Decimal() == 40m))).AsArray();
        var directiveRows = await XlsxAsync(h.Http, $"/api/v1/cities/{h.City}/directives.xlsx");
        Assert.Equal(directives.Select(d => d!["id"].Text()), directiveRows.Select(r => (string)r["编号"]));
        Assert.Equal(directives.Select(d => d!["percent"].Decimal()), directiveRows.Select(r => Number(r["进度（%）"])));
        Assert.Equal("2099-12-31", directiveRows.Single()["办理时限"]);
        Assert.Equal("否", directiveRows.Single()["逾期"]);

        var project = $"XF-{h.City}-1";
        await h.Http.PostJsonAsync("/api/v1/projects", h.Project(project));
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync($"/api/v1/projects/{project}/factors",
            new { kind = "land", detail = "用地报批", quantity = 120, unit = "亩", departmentId = $"{h.City}-zrzyj", dueDate = "2099-08-31" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync($"/api/v1/projects/{project}/factors",
            new { kind = "energy", detail = "专线接电", departmentId = $"{h.City}-gdj", dueDate = "2099-09-30" })).Status);
        var needs = (await h.Http.GetJsonAsync($"/api/v1/projects/{project}/factors")).Body!.AsArray();
        var needRows = await XlsxAsync(h.Http, $"/api/v1/projects/{project}/factors.xlsx");
        Assert.Equal(needs.Select(n => n!["id"].Text()), needRows.Select(r => (string)r["编号"]));
        Assert.Equal(needs.Select(n => n!["detail"].Text()), needRows.Select(r => (string)r["需求内容"]));
        var landRow = needRows.Single(r => (string)r["需求内容"] == "用地报批");
        Assert.Equal(120m, Number(landRow["数量"]));
        Assert.Equal("亩", landRow["单位"]);
        Assert.Equal("2099-08-31", landRow["办理时限"]);

        var foreign = fixture.AdminOf("449900");
        foreach (var url in new[]
                 {
                     $"/api/v1/cities/{h.City}/meetings.xlsx", $"/api/v1/counties/{h.County}/meetings.xlsx", $"/api/v1/cities/{h.City}/directives.xlsx",
                     $"/api/v1/projects/{project}/factors.xlsx",
                 })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/counties/{h.Town}/meetings.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/cities/{h.County}/directives.xlsx")).StatusCode);
    }

    [Fact]
    public async Task TheBanksInboxAndAReferrersLeadsExportTheRowsTheirPagesShow()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var body = $"EX{h.City}";
        var enterprise = CreditCodes.Complete("91" + h.County + body + CreditCodes.OrganizationCheckCharacter(body));
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/enterprises/{enterprise}", new { name = "导出实业有限公司", countyCode = h.County })).Status);
        var bank = $"bank-{h.City}-x";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/banks/{bank}", new { name = "导出测试银行", cityCode = h.City })).Status);
        foreach (var (project, amount) in new[] { ($"XB-{h.City}-1", 20000), ($"XB-{h.City}-2", 3500) })
        {
            await h.Http.PostJsonAsync("/api/v1/projects", h.Project(project));
            Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{project}/owner", new { creditCode = enterprise })).Status);
            var submit = await h.Http.PostJsonAsync("/api/v1/financing", new { projectCode = project, creditCode = enterprise, amount, purpose = "厂房建设", termMonths = 60 });
            Assert.Equal(HttpStatusCode.Created, submit.Status);
            Assert.Equal(HttpStatusCode.OK, (await h.Http.PostJsonAsync($"/api/v1/financing/{submit.Body!["id"].Text()}/recommend", new { bankCodes = new[] { bank }, note = "优先对接" })).Status);
        }

        var inbox = (await h.Http.EventuallyAsync($"/api/v1/banks/{bank}/financing", b => b["requests"]!.AsArray().Count == 2))["requests"]!.AsArray();
        var inboxRows = await XlsxAsync(h.Http, $"/api/v1/banks/{bank}/financing.xlsx");
        Assert.Equal(inbox.Select(e => e!["id"].Text()), inboxRows.Select(r => (string)r["编号"]));
        Assert.Equal(inbox.Select(e => e!["request"]!["requested"].Decimal()), inboxRows.Select(r => Number(r["申请金额（万元）"])));
        Assert.Equal([20000m, 3500m], inboxRows.Select(r => Number(r["申请金额（万元）"])).Order().Reverse());
        Assert.All(inboxRows, r => Assert.Equal("导出实业有限公司", r["企业"]));
        Assert.Equal(2, (await XlsxAsync(h.Http, $"/api/v1/banks/{bank}/financing.xlsx?status=recommended")).Count);
        Assert.Empty(await XlsxAsync(h.Http, $"/api/v1/banks/{bank}/financing.xlsx?status=offered"));
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync($"/api/v1/banks/{bank}/financing.xlsx?status=pending")).StatusCode);

        var referrer = $"{h.City}-wu-xiangxian";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/referrers/{referrer}", new { name = "吴先生", kind = "xiangxian", cityCode = h.City, hometownCode = h.Town })).Status);
        foreach (var (name, planned) in new[] { ("年产300万件羽绒服项目", 80000), ("羽绒原料仓储项目", 12000) })
        {
            var (status, _, _) = await h.Http.PostJsonAsync("/api/v1/leads", new
            {
                countyCode = h.County, name, investor = "某某羽绒制品有限公司", industryChain = "羽绒", plannedInvestment = planned, channel = "xiangxian",
                referrerId = referrer, receivedDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                landMu = 150, expectedOutput = 120000, expectedTax = 3000,
            });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        var leads = (await h.Http.EventuallyAsync($"/api/v1/referrers/{referrer}", b => b["leads"]!.AsArray().Count == 2))["leads"]!.AsArray();
        var leadRows = await XlsxAsync(h.Http, $"/api/v1/referrers/{referrer}/leads.xlsx");
        Assert.Equal(leads.Select(l => l!["id"].Text()), leadRows.Select(r => (string)r["编号"]));
        Assert.Equal(leads.Select(l => l!["plannedInvestment"].Decimal()), leadRows.Select(r => Number(r["计划投资（万元）"])));
        Assert.All(leadRows, r => Assert.Equal("吴先生", r["引荐人"]));
        Assert.All(leadRows, r => Assert.Equal("乡贤", r["类型"]));

        var foreign = fixture.AdminOf("449900");
        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync($"/api/v1/banks/{bank}/financing.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync($"/api/v1/referrers/{referrer}/leads.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetAsync("/api/v1/referrers/NOT A REFERRER/leads.xlsx")).StatusCode);
    }
}
