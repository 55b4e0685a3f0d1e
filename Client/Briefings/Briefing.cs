using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Client.Briefings;

/// <summary>How a leader's linked project stands against the time-elapsed schedule (序时进度).</summary>
public enum Pace
{
    /// <summary>At or above the schedule (超序时进度).</summary>
    Ahead = 0,
    /// <summary>Below the schedule but its light is green (基本达序时进度).</summary>
    OnPace = 1,
    /// <summary>Yellow or red (滞后).</summary>
    Behind = 2,
}

/// <summary>A leader's linked project in the briefing.</summary>
public sealed record LeaderProjectLine(string LeaderTitle, string Code, string Name, decimal CompletedYtd, decimal AnnualPlan, Light? Light, Pace Pace);

/// <summary>A department's overdue matters in the briefing.</summary>
public sealed record DepartmentOverdue(string DepartmentId, string DepartmentName, ImmutableArray<string> MatterTitles);

/// <summary>A new start planned for the year that has reported no investment yet.</summary>
public sealed record NotStartedLine(string Code, string Name, string CountyName, string TownName, decimal AnnualPlan);

/// <summary>
/// Everything the month's 通报 says, read once from the roll-ups and indexes; the .docx, .xlsx and .md writers
/// only lay it out, so the three say the same.
/// </summary>
public sealed record Briefing(
    string CityCode,
    string CityName,
    int Year,
    int Month,
    Totals Totals,
    MonthRanking Ranking,
    ImmutableArray<ChildTotals> Counties,
    ImmutableArray<LeaderProjectLine> LeaderProjects,
    ImmutableArray<DepartmentOverdue> OverdueByDepartment,
    ImmutableArray<NotStartedLine> NotStarted,
    DateTimeOffset GeneratedAt)
{
    /// <summary>"湛江市重点项目建设情况通报（2023年1–5月）".</summary>
    public string Title => $"{CityName}重点项目建设情况通报（{Portal.Formatting.Period(Year, Month, Chinese)}）";

    /// <summary>The time-elapsed schedule M/12.</summary>
    public decimal Schedule => Portal.Formatting.Schedule(Month);

    /// <summary>The briefing is written in Chinese whatever the reader's language: officials forward it as it is.</summary>
    public static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

    public string CountyName(string code) => Counties.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public static string IndicatorName(string indicator) => indicator switch
    {
        "completionRate" => "完成率",
        "scheduleGap" => "超序时进度",
        "growthRate" => "同比增长",
        "newStartRate" => "新开工率",
        "redLightShare" => "红灯占比",
        "mattersOnTime" => "事项按期办结率",
        "answeredOnTime" => "按期答复率",
        "overdueMatters" => "逾期事项",
        "averageAnswerDays" => "平均答复天数",
        "signedAmount" => "招商签约额",
        "startRate" => "签约项目开工率",
        "listInclusions" => "纳入重点项目盘子",
        _ => indicator,
    };

    public static string PaceName(Pace pace) => pace switch
    {
        Pace.Ahead => "超序时进度",
        Pace.OnPace => "基本达序时进度",
        _ => "滞后",
    };

    public static string LightName(Light? light) => light switch
    {
        Light.Green => "绿灯",
        Light.Yellow => "黄灯",
        Light.Red => "红灯",
        _ => "—",
    };

    public static string ListName(string? list) => list switch
    {
        "red" => "红榜",
        "black" => "黑榜",
        _ => "",
    };

    /// <summary>An indicator's value as officials read it: rates as percentages, the gap in points, days and counts as numbers.</summary>
    public static string IndicatorValue(string indicator, decimal? value) => value is not { } v ? "—" : indicator switch
    {
        "scheduleGap" => (v > 0 ? "+" : "") + v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "个百分点",
        "overdueMatters" => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "件",
        "averageAnswerDays" => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "天",
        "growthRate" => Portal.Formatting.Growth(v),
        "signedAmount" => Portal.Formatting.Money(v, Chinese),
        "listInclusions" => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "个",
        _ => Portal.Formatting.Percent(v),
    };
}
