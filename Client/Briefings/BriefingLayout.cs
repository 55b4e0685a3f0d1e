using System.Collections.Immutable;
using static Liandong.Client.Portal.Formatting;

namespace Liandong.Client.Briefings;

/// <summary>A section of the briefing: a heading, its paragraphs and at most one table (header row first).</summary>
public sealed record BriefingSection(string Heading, ImmutableArray<string> Paragraphs, ImmutableArray<ImmutableArray<string>> Table, string SheetName);

/// <summary>
/// Lays the briefing out in sections, in Chinese with amounts as the portal writes them (万元/亿元); the Word,
/// Excel and Markdown writers each render these sections, so the three files say the same.
/// </summary>
public static class BriefingLayout
{
    public static ImmutableArray<BriefingSection> Sections(Briefing b)
    {
        var zh = Briefing.Chinese;
        var t = b.Totals;
        var gap = t.CompletionRate is { } c ? (c - b.Schedule) * 100m : (decimal?)null;
        var headline = $"{Period(b.Year, b.Month, zh)}，全市{t.ProjectCount}个重点项目完成投资{Money(t.CompletedYtd, zh)}，" +
            $"占年度计划{Money(t.AnnualPlan, zh)}的{Percent(t.CompletionRate)}，序时进度{Percent(b.Schedule)}" +
            (gap is { } g ? $"，{(g >= 0 ? "超" : "低于")}序时进度{Math.Abs(g):0.0}个百分点" : "") + "；" +
            (t.LastYearSamePeriod is { } ly ? $"上年同期{Money(ly, zh)}，同比{(t.GrowthRate >= 0 ? "增长" : "下降")}{Percent(t.GrowthRate is { } gr ? Math.Abs(gr) : null)}。" : "上年同期无可比数据。");
        var lights = $"亮灯情况：绿灯{t.Lights.Green}个，黄灯{t.Lights.Yellow}个，红灯{t.Lights.Red}个；新开工项目{t.NewStarts.Planned}个，已开工{t.NewStarts.Begun}个。";
        var overall = new BriefingSection("一、总体情况", [headline, lights],
        [
            ["指标", "数值"],
            ["项目数", t.ProjectCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["年度计划投资", Money(t.AnnualPlan, zh)],
            ["累计完成投资", Money(t.CompletedYtd, zh)],
            ["完成率", Percent(t.CompletionRate)],
            ["序时进度", Percent(b.Schedule)],
            ["上年同期", Money(t.LastYearSamePeriod, zh)],
            ["同比增长", Growth(t.GrowthRate)],
        ], "总体情况");

        var indicators = b.Ranking.Entries.FirstOrDefault()?.Parts.Select(p => p.Indicator).ToList() ?? [];
        var rankingRows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        rankingRows.Add([.. new[] { "排名", "县（市、区）", "得分" }.Concat(indicators.Select(i => Briefing.IndicatorName(i))).Concat(["上月排名", "变化", "榜单"])]);
        foreach (var e in b.Ranking.Entries)
        {
            rankingRows.Add([.. new[] { e.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Name, e.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(e.Parts.Select(p => $"{Briefing.IndicatorValue(p.Indicator, p.Value)}（{p.Points:0.00}分）"))
                .Concat([e.PreviousRank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", Change(e.Change), Briefing.ListName(e.List)])]);
        }

        var red = b.Ranking.Entries.Where(e => e.List == "red").Select(e => e.Name).ToList();
        var black = b.Ranking.Entries.Where(e => e.List == "black").Select(e => e.Name).ToList();
        var ranking = new BriefingSection("二、比学赶超排名",
        [
            $"按{(b.Ranking.RulesVersion == 0 ? "默认" : $"第{b.Ranking.RulesVersion}版")}排名规则计分，得分为各项指标得分之和。",
            "红榜（达到序时进度的前列单位）：" + (red.Count > 0 ? string.Join("、", red) : "无") + "。",
            "黑榜（未达序时进度的末位单位）：" + (black.Count > 0 ? string.Join("、", black) : "无") + "。",
        ], rankingRows.ToImmutable(), "比学赶超排名");

        var countyRows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        countyRows.Add(["县（市、区）", "项目数", "年度计划", "累计完成", "完成率", "同比增长", "绿灯", "黄灯", "红灯"]);
        foreach (var county in b.Counties)
        {
            var ct = county.Totals;
            countyRows.Add([county.Name, N(ct.ProjectCount), Money(ct.AnnualPlan, zh), Money(ct.CompletedYtd, zh), Percent(ct.CompletionRate), Growth(ct.GrowthRate),
                N(ct.Lights.Green), N(ct.Lights.Yellow), N(ct.Lights.Red)]);
        }

        var counties = new BriefingSection("三、各县（市、区）项目建设情况", [], countyRows.ToImmutable(), "各县情况");

        var leaderRows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        leaderRows.Add(["联系领导", "项目", "年度计划", "累计完成", "完成率", "亮灯", "进度"]);
        foreach (var p in b.LeaderProjects)
        {
            leaderRows.Add([p.LeaderTitle, p.Name, Money(p.AnnualPlan, zh), Money(p.CompletedYtd, zh), Percent(p.AnnualPlan > 0 ? Math.Round(p.CompletedYtd / p.AnnualPlan, 4) : null),
                Briefing.LightName(p.Light), Briefing.PaceName(p.Pace)]);
        }

        var leaders = new BriefingSection("四、市领导联系重点项目",
        [
            $"市领导联系重点项目{b.LeaderProjects.Length}个，其中超序时进度{b.LeaderProjects.Count(p => p.Pace == Pace.Ahead)}个，" +
            $"基本达序时进度{b.LeaderProjects.Count(p => p.Pace == Pace.OnPace)}个，滞后{b.LeaderProjects.Count(p => p.Pace == Pace.Behind)}个。",
        ], leaderRows.ToImmutable(), "领导联系项目");

        var overdueRows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        overdueRows.Add(["责任单位", "逾期事项数", "事项"]);
        foreach (var d in b.OverdueByDepartment)
        {
            overdueRows.Add([d.DepartmentName, N(d.MatterTitles.Length), string.Join("；", d.MatterTitles)]);
        }

        var overdue = new BriefingSection("五、逾期未办结事项",
            [b.OverdueByDepartment.Length == 0 ? "无逾期未答复事项。" : $"{b.OverdueByDepartment.Length}个单位有逾期未答复事项。"],
            overdueRows.ToImmutable(), "逾期事项");

        var notStartedRows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        notStartedRows.Add(["县（市、区）", "镇（街道）", "项目", "年度计划"]);
        foreach (var n in b.NotStarted)
        {
            notStartedRows.Add([n.CountyName, n.TownName, n.Name, Money(n.AnnualPlan, zh)]);
        }

        var notStarted = new BriefingSection("六、未开工的新开工项目",
            [b.NotStarted.Length == 0 ? "计划新开工项目均已开工。" : $"计划新开工项目中尚有{b.NotStarted.Length}个未开工。"],
            notStartedRows.ToImmutable(), "未开工项目");

        return [overall, ranking, counties, leaders, overdue, notStarted];
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Change(int? change) => change switch
    {
        null => "—",
        > 0 => $"↑{change}",
        < 0 => $"↓{-change}",
        _ => "—",
    };
}
