using System.Collections.Immutable;
using System.Globalization;
using Liandong.Client.Auth;
using Liandong.Client.Portal;
using Liandong.Client.Spreadsheets;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Liandong.Tasks;
using Liandong.Tenders;
using Microsoft.Extensions.Localization;

namespace Liandong.Client.Services;

/// <summary>A list written as .xlsx, with the file names it is downloaded under (ASCII, and Chinese for the browser).</summary>
public sealed record ExportFile(byte[] Bytes, string AsciiName, string Name);

/// <summary>
/// The portal's lists as .xlsx (API.md "Spreadsheets"): each reads the list through the same service and jurisdiction
/// check as its JSON route, in the same order, and writes it with <see cref="ListExport"/>. Sheets are in Chinese
/// whatever the reader's language (officials forward them as they are); amounts are numbers in 万元.
/// </summary>
public sealed class ExportService(
    CoordinationService coordination,
    TaskService tasks,
    RankingService rankings,
    FinanceService finance,
    PromotionService promotion,
    TenderService tenders,
    IStringLocalizer<Strings> localizer)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public async Task<ExportFile> TasksAsync(CurrentUser user)
    {
        var items = await tasks.MineAsync(user);
        return new ExportFile(ListExport.Xlsx<TaskItem>("待办", [
            new("类型", t => Zh("Tasks.Kind." + t.Kind, t.Kind)),
            new("事项", t => t.Title),
            new("时限", t => t.DueDate),
            new("状态", t => t.Overdue ? "已逾期" : t.DueSoon ? "即将到期" : ""),
            new("编号", t => t.Id),
            new("链接", t => t.Link),
        ], items), "tasks.xlsx", "待办事项.xlsx");
    }

    public async Task<ExportFile> MissingReportsAsync(CurrentUser user, string divisionCode, PeriodQuery period, bool evenBeforeDue)
    {
        var missing = await rankings.MissingReportsAsync(user, divisionCode, period, evenBeforeDue);
        return new ExportFile(ListExport.Xlsx<MissingReport>("缺报项目", [
            new("项目代码", p => p.Code),
            new("项目名称", p => p.Name),
            new("镇（街道）", p => p.TownName),
            new("镇（街道）代码", p => p.TownCode),
            new("阶段", p => Zh("Stage." + p.Stage, p.Stage.ToString())),
            new("报告月份", _ => $"{missing.Year}年{missing.Month}月"),
            new("截止日期", _ => missing.DueDate),
        ], missing.Projects), $"missing-reports-{divisionCode}-{missing.Year}-{missing.Month:D2}.xlsx",
            $"缺报项目-{divisionCode}-{missing.Year}年{missing.Month}月.xlsx");
    }

    /// <summary>The matters of a city, county or town (raised there or addressed to it, and below), newest first as the index keeps them.</summary>
    public async Task<ExportFile> DivisionMattersAsync(CurrentUser user, string code, MatterStatus? status)
    {
        var matters = await coordination.MattersOfAsync(user, code, status);
        return new ExportFile(Matters(matters), $"matters-{code}.xlsx", $"协调事项-{code}.xlsx");
    }

    public async Task<ExportFile> DepartmentMattersAsync(CurrentUser user, string departmentId, MatterStatus? status)
    {
        var matters = await coordination.MattersOfDepartmentAsync(user, departmentId, status);
        return new ExportFile(Matters(matters), $"matters-{departmentId}.xlsx", $"协调事项-{Zh("Department." + Slug(departmentId), departmentId)}.xlsx");
    }

    /// <summary>The city's leaders and their linked projects with the period's figures: one row per leader and project.</summary>
    public async Task<ExportFile> LeadersAsync(CurrentUser user, string cityCode, PeriodQuery period)
    {
        var leaders = await coordination.LeadersOfRegisteredAsync(user, cityCode);
        var views = await Task.WhenAll(leaders.Select(l => coordination.GetLeaderAsync(user, l.Id, period)));
        var rows = views
            .SelectMany(v => v.Projects.IsDefaultOrEmpty ? [(Leader: v, Project: (LeaderProjectRow?)null)] : v.Projects.Select(p => (Leader: v, Project: (LeaderProjectRow?)p)))
            .ToList();
        return new ExportFile(ListExport.Xlsx<(LeaderView Leader, LeaderProjectRow? Project)>("市领导联系重点项目", [
            new("领导", r => r.Leader.Title),
            new("所属", r => Zh("LeadingBody." + r.Leader.Body, r.Leader.Body.ToString())),
            new("项目代码", r => r.Project?.Code),
            new("项目名称", r => r.Project?.Name),
            new("亮灯", r => r.Project?.Light is { } light ? Zh("Light." + light, light.ToString()) : null),
            new("本年完成投资（万元）", r => r.Project?.CompletedYtd),
            new("年度计划投资（万元）", r => r.Project?.AnnualPlan),
            new("未办结事项", r => r.Project?.OpenMatters),
        ], rows), $"leaders-{cityCode}.xlsx", $"市领导联系重点项目-{cityCode}.xlsx");
    }

    /// <summary>The financing requests of a city or county, the latest change first (as the financing page lists them).</summary>
    public async Task<ExportFile> FinancingAsync(CurrentUser user, string code, FinancingStatus? status)
    {
        var (_, requests) = await finance.FinancingOfAsync(user, code);
        var rows = requests.Where(r => status is null || r.Status == status).ToList();
        return new ExportFile(ListExport.Xlsx<FinancingRow>("融资需求", [
            new("编号", r => r.Id),
            new("项目代码", r => r.ProjectCode),
            new("项目名称", r => r.ProjectName),
            new("企业", r => r.EnterpriseName),
            new("统一社会信用代码", r => r.CreditCode),
            new("状态", r => Zh("FinancingStatus." + r.Status, r.Status.ToString())),
            new("申请金额（万元）", r => r.Requested),
            new("授信金额（万元）", r => r.Offered),
            new("签约金额（万元）", r => r.Accepted),
            new("放款金额（万元）", r => r.Disbursed),
            new("期限（月）", r => r.TermMonths),
            new("用途", r => r.Purpose),
            new("提交时间", r => r.SubmittedAt),
            new("更新时间", r => r.UpdatedAt),
        ], rows), $"financing-{code}.xlsx", $"融资需求-{code}.xlsx");
    }

    public async Task<ExportFile> LeadsAsync(CurrentUser user, string code, LeadFilter filter)
    {
        var leads = await promotion.ListAsync(user, code, filter);
        return new ExportFile(ListExport.Xlsx<LeadSummary>("招商线索", [
            new("编号", l => l.Id),
            new("项目名称", l => l.Name),
            new("投资方", l => l.Investor),
            new("产业链", l => l.IndustryChain),
            new("阶段", l => Zh("Promotion.Stage." + l.Stage, l.Stage.ToString())),
            new("阶段日期", l => l.StageDate),
            new("县（市、区）代码", l => l.CountyCode),
            new("计划投资（万元）", l => l.PlannedInvestment),
            new("签约金额（万元）", l => l.SignedAmount),
            new("到位资金（万元）", l => l.FundsArrived),
            new("逾期", l => l.Overdue),
            new("停滞", l => l.Stalled),
            new("转化项目代码", l => l.ProjectCode),
            new("收到日期", l => l.ReceivedDate),
        ], leads), $"leads-{code}.xlsx", $"招商线索-{code}.xlsx");
    }

    public async Task<ExportFile> IntegrityFlagsAsync(CurrentUser user, string cityCode, string? indicator, string? countyCode, FlagStatus? status)
    {
        var (flags, _) = await tenders.FlagsAsync(user, cityCode, indicator, countyCode, status);
        return new ExportFile(ListExport.Xlsx<IntegrityFlag>("招投标预警", [
            new("编号", f => f.Id),
            new("指标", f => Zh("Tender.Ind." + f.Indicator, f.Indicator)),
            new("对象", f => f.Finding.Subject),
            new("风险等级", f => Zh("Tender.Severity." + f.Severity, f.Severity.ToString())),
            new("状态", f => Zh("Tender.Status." + f.Status, f.Status.ToString())),
            new("县（市、区）代码", f => f.CountyCode),
            new("项目代码", f => f.Finding.ProjectCode),
            new("招标编号", f => f.Finding.TenderId),
            new("依据", f => f.Basis),
            new("发现时间", f => f.RaisedAt),
        ], flags), $"integrity-flags-{cityCode}.xlsx", $"招投标预警-{cityCode}.xlsx");
    }

    /// <summary>A project's procurement processes (招标采购) as its page lists them (no bidder details).</summary>
    public async Task<ExportFile> ProjectTendersAsync(CurrentUser user, string projectCode)
    {
        var records = await tenders.ListForProjectAsync(user, projectCode);
        return new ExportFile(ListExport.Xlsx<TenderRecord>("招标采购", [
            new("编号", r => r.Id),
            new("名称", r => r.Data.Title),
            new("类型", r => Zh("Tender.Kind." + r.Data.Kind, r.Data.Kind.ToString())),
            new("方式", r => Zh("Tender.Method." + r.Data.Method, r.Data.Method.ToString())),
            new("预算（万元）", r => r.Data.Budget),
            new("公告日期", r => r.Data.NoticeDate),
            new("投标截止", r => r.Data.BidDeadline),
            new("投标人数", r => r.Data.Bidders.IsDefault ? 0 : r.Data.Bidders.Length),
            new("中标日期", r => r.Data.AwardDate),
            new("中标价（万元）", r => r.Data.AwardPrice),
            new("合同日期", r => r.Data.ContractDate),
        ], records), $"tenders-{projectCode}.xlsx", $"招标采购-{projectCode}.xlsx");
    }

    /// <summary>The bank's inbox (the requests recommended to it, with its own status and amounts) as the bank page lists it.</summary>
    public async Task<ExportFile> BankInboxAsync(CurrentUser user, string bankCode, BankRequestStatus? status)
    {
        var (_, inbox) = await finance.GetInboxAsync(user, bankCode, status);
        return new ExportFile(ListExport.Xlsx<BankInboxEntry>("银行融资需求", [
            new("编号", e => e.Request.Id),
            new("项目代码", e => e.Request.ProjectCode),
            new("项目名称", e => e.Request.ProjectName),
            new("企业", e => e.Request.EnterpriseName),
            new("统一社会信用代码", e => e.Request.CreditCode),
            new("本行状态", e => Zh("BankRequestStatus." + e.Status, e.Status.ToString())),
            new("需求状态", e => Zh("FinancingStatus." + e.Request.Status, e.Request.Status.ToString())),
            new("申请金额（万元）", e => e.Request.Requested),
            new("授信金额（万元）", e => e.Offered),
            new("签约金额（万元）", e => e.Accepted),
            new("放款金额（万元）", e => e.Disbursed),
            new("期限（月）", e => e.Request.TermMonths),
            new("用途", e => e.Request.Purpose),
            new("推送时间", e => e.SentAt),
            new("拒绝理由", e => e.DeclineReason),
        ], inbox), $"bank-financing-{bankCode}.xlsx", $"银行融资需求-{bankCode}.xlsx");
    }

    /// <summary>The on-site office meetings (现场办公会) held in the city or at the county, newest first.</summary>
    public async Task<ExportFile> MeetingsAsync(CurrentUser user, string code)
    {
        var meetings = await coordination.MeetingsOfRegisteredAsync(user, code);
        return new ExportFile(ListExport.Xlsx<MeetingSummary>("现场办公会", [
            new("编号", m => m.Id),
            new("会议", m => m.Title),
            new("日期", m => m.Date),
            new("县（市、区）", m => m.CountyName),
            new("县（市、区）代码", m => m.CountyCode),
            new("主持", m => m.Host),
            new("事项数", m => m.MatterCount),
            new("已办结", m => m.ResolvedCount),
        ], meetings), $"meetings-{code}.xlsx", $"现场办公会-{code}.xlsx");
    }

    /// <summary>The directives (督办事项) that reach the jurisdiction, with its own share's progress.</summary>
    public async Task<ExportFile> DirectivesAsync(CurrentUser user, string code)
    {
        var directives = await coordination.DirectivesOfRegisteredAsync(user, code);
        return new ExportFile(ListExport.Xlsx<DirectiveSummary>("督办事项", [
            new("编号", d => d.Id),
            new("事项", d => d.Title),
            new("下达时间", d => d.IssuedAt),
            new("办理时限", d => d.DueDate),
            new("进度（%）", d => d.Percent),
            new("逾期", d => d.Overdue),
        ], directives), $"directives-{code}.xlsx", $"督办事项-{code}.xlsx");
    }

    /// <summary>A project's factor needs (要素需求), met ones included, as its page lists them.</summary>
    public async Task<ExportFile> ProjectFactorNeedsAsync(CurrentUser user, string projectCode)
    {
        var needs = await finance.GetFactorNeedsAsync(user, projectCode);
        return new ExportFile(ListExport.Xlsx<FactorNeed>("要素需求", [
            new("编号", n => n.Id),
            new("要素", n => Zh("FactorKind." + n.Kind, n.Kind.ToString())),
            new("需求内容", n => n.Detail),
            new("数量", n => n.Quantity),
            new("单位", n => n.Unit),
            new("责任部门", n => Zh("Department." + Slug(n.DepartmentId), n.DepartmentId)),
            new("办理时限", n => n.DueDate),
            new("状态", n => Zh("FactorStatus." + n.Status, n.Status.ToString())),
            new("备注", n => n.Note),
            new("保障日期", n => n.MetOn),
            new("提出时间", n => n.RaisedAt),
        ], needs), $"factors-{projectCode}.xlsx", $"要素需求-{projectCode}.xlsx");
    }

    /// <summary>The leads a referrer (乡贤, 商会, 中介机构) brought, as the referrer's page lists them.</summary>
    public async Task<ExportFile> ReferrerLeadsAsync(CurrentUser user, string referrerId)
    {
        var view = await promotion.GetReferrerAsync(user, referrerId);
        return new ExportFile(ListExport.Xlsx<LeadSummary>("引荐线索", [
            new("引荐人", _ => view.Info.Name),
            new("类型", _ => Zh("Promotion.ReferrerKind." + view.Info.Kind, view.Info.Kind.ToString())),
            new("编号", l => l.Id),
            new("项目名称", l => l.Name),
            new("投资方", l => l.Investor),
            new("阶段", l => Zh("Promotion.Stage." + l.Stage, l.Stage.ToString())),
            new("县（市、区）代码", l => l.CountyCode),
            new("计划投资（万元）", l => l.PlannedInvestment),
            new("签约金额（万元）", l => l.SignedAmount),
            new("到位资金（万元）", l => l.FundsArrived),
            new("转化项目代码", l => l.ProjectCode),
            new("项目投资（万元）", l => l.ProjectInvestment),
            new("收到日期", l => l.ReceivedDate),
        ], view.Leads), $"referrer-leads-{referrerId}.xlsx", $"引荐线索-{referrerId}.xlsx");
    }

    private byte[] Matters(IEnumerable<MatterSummary> matters) => ListExport.Xlsx<MatterSummary>("协调事项", [
        new("编号", m => m.Id),
        new("事项", m => m.Title),
        new("状态", m => Zh("MatterStatus." + m.Status, m.Status.ToString())),
        new("提出单位", m => m.RaisedByName),
        new("承办部门", m => string.Join("、", (m.Departments.IsDefault ? [] : m.Departments).Select(d => Zh("Department." + Slug(d), d)))),
        new("待答复部门", m => string.Join("、", (m.PendingDepartments.IsDefault ? [] : m.PendingDepartments).Select(d => Zh("Department." + Slug(d), d)))),
        new("办理时限", m => m.DueDate),
        new("逾期", m => m.Overdue),
        new("提出时间", m => m.RaisedAt),
        new("项目代码", m => m.ProjectCode),
    ], matters);

    private static string Slug(string departmentId) => departmentId.Length > 7 ? departmentId[7..] : departmentId;

    /// <summary>The portal's Chinese text for a key (Strings.resx), whatever the request's language; the fallback when there is none.</summary>
    private string Zh(string key, string fallback)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            var text = localizer[key];
            return text.ResourceNotFound ? fallback : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
