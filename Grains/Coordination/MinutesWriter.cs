using System.Text;
using Liandong.Coordination;
using Liandong.Hierarchy;

namespace Liandong.Grains.Coordination;

/// <summary>
/// Writes the minutes (会议纪要) of an on-site office meeting in Chinese Markdown: the header, the county's frozen
/// 1–M月 figures, every matter with every department's answer and its status, and the follow-up.
/// </summary>
public static class MinutesWriter
{
    public static string Write(MeetingView meeting, DateOnly today, DateTimeOffset generatedAt)
    {
        var md = new StringBuilder();
        var county = meeting.CountyName;
        var period = OfficialStyle.Period(meeting.Month);
        var date = OfficialStyle.Date(meeting.Date);

        md.Append("# ").Append(meeting.Title).AppendLine(meeting.Title.EndsWith("纪要", StringComparison.Ordinal) ? "" : "纪要").AppendLine();
        md.Append("- **时间**：").AppendLine(date);
        md.Append("- **地点**：").AppendLine(meeting.Place);
        md.Append("- **主持**：").AppendLine(meeting.Host);
        md.Append("- **参加**：").AppendLine(meeting.Attendees.IsDefaultOrEmpty ? "—" : string.Join("；", meeting.Attendees));
        md.AppendLine();
        md.Append(date).Append('，').Append(meeting.Host).Append('在').Append(county).Append("主持召开现场办公会，听取").Append(county)
            .Append(meeting.Year).Append('年').Append(period).Append("固定资产投资和重点项目建设情况汇报，研究解决项目推进中的困难和问题，")
            .Append("市直有关单位对").Append(county).AppendLine("提出的事项逐一作出回应。现将会议议定事项纪要如下。").AppendLine();

        WriteReport(md, meeting, county, period);
        WriteMatters(md, meeting.Matters, today);
        WriteFollowUp(md, meeting.Matters, county, today);

        md.Append("*本纪要根据办公会议定事项和各单位答复意见生成，生成时间").Append(OfficialStyle.Date(DateOnly.FromDateTime(generatedAt.DateTime)))
            .Append(generatedAt.ToString(" HH:mm", System.Globalization.CultureInfo.InvariantCulture)).AppendLine("。*");
        return md.ToString();
    }

    private static void WriteReport(StringBuilder md, MeetingView meeting, string county, string period)
    {
        var t = meeting.CountyReport;
        md.Append("## 一、").Append(county).Append(meeting.Year).Append('年').Append(period).AppendLine("固定资产投资和重点项目情况").AppendLine();
        md.Append(period).Append('，').Append(county).Append("重点项目完成固定资产投资").Append(OfficialStyle.Money(t.CompletedYtd));
        if (t.CompletionRate is { } rate)
        {
            md.Append("，完成年度计划").Append(OfficialStyle.Money(t.AnnualPlan)).Append('的').Append(OfficialStyle.Percent(rate));
        }

        md.Append('，').Append(OfficialStyle.Growth(t.GrowthRate)).AppendLine("。").AppendLine();
        md.Append("- 固定资产投资完成：").AppendLine(OfficialStyle.Money(t.CompletedYtd));
        md.Append("- 年度计划：").AppendLine(t.AnnualPlan > 0m ? OfficialStyle.Money(t.AnnualPlan) : "未下达");
        md.Append("- 完成率：").AppendLine(t.CompletionRate is { } r ? OfficialStyle.Percent(r) : "—");
        md.Append(t.GrowthRate is < 0m ? "- 同比下降：" : "- 同比增长：")
            .Append(t.GrowthRate is { } g ? OfficialStyle.Percent(Math.Abs(g)) : "上年同期无可比数据");
        if (t.LastYearSamePeriod is { } last)
        {
            md.Append("（上年同期").Append(OfficialStyle.Money(last)).Append('）');
        }

        md.AppendLine();
        var s = t.ByStage;
        md.Append("- 重点项目：").Append(t.ProjectCount).Append("个，总投资").Append(OfficialStyle.Money(t.TotalInvestment))
            .Append("；其中储备").Append(s.Reserve).Append("个、前期").Append(s.Preparation).Append("个、新开工").Append(s.NewStart)
            .Append("个、续建").Append(s.Continuing).Append("个、竣工").Append(s.Completed).Append("个、投产").Append(s.Operating).AppendLine("个");
        md.Append("- 亮灯情况：绿灯").Append(t.Lights.Green).Append("个、黄灯").Append(t.Lights.Yellow).Append("个、红灯").Append(t.Lights.Red).AppendLine("个");
        md.AppendLine();
        md.Append("（以上为召开办公会时锁定的").Append(period).AppendLine("报表数据，会后报送或更正的数据不改变本纪要。）").AppendLine();
    }

    private static void WriteMatters(StringBuilder md, IReadOnlyList<MatterView> matters, DateOnly today)
    {
        md.AppendLine("## 二、会议议定事项").AppendLine();
        if (matters.Count == 0)
        {
            md.AppendLine("本次会议未提出需协调解决的事项。").AppendLine();
            return;
        }

        md.Append("会议共研究").Append(matters.Count).AppendLine("项事项，有关单位逐一作出回应：").AppendLine();
        for (var i = 0; i < matters.Count; i++)
        {
            var m = matters[i];
            md.Append("### （").Append(OfficialStyle.Numeral(i + 1)).Append('）').AppendLine(m.Title).AppendLine();
            md.Append("- 提出单位：").AppendLine(m.RaisedByName);
            if (m.ProjectCode is not null)
            {
                md.Append("- 涉及项目：").Append(m.ProjectName).Append('（').Append(m.ProjectCode).AppendLine("）");
            }

            if (m.Detail is not null)
            {
                md.Append("- 事项内容：").AppendLine(m.Detail);
            }

            md.Append("- 承办单位：").AppendLine(string.Join("、", m.Departments.Select(d => d.Name)));
            md.Append("- 办理时限：").AppendLine(OfficialStyle.Date(m.DueDate));
            md.AppendLine("- 答复意见：");
            foreach (var d in m.Departments)
            {
                md.Append("  - **").Append(d.Name).Append("**：");
                if (d.Answer is null)
                {
                    md.AppendLine("尚未答复。");
                    continue;
                }

                // Minutes record what each department said, not when it was keyed in (the matter keeps every answer's time).
                md.Append(d.Answer);
                md.AppendLine(d.Pending && m.Status != MatterStatus.Resolved ? "（重新办理后尚未再次答复）" : "");
            }

            md.Append("- 办理状态：").AppendLine(StatusText(m, today));
            if (m.Escalations.Length > 0)
            {
                var top = m.Escalations[^1];
                md.Append("- 提级督办：逾期未答复完毕（办理时限").Append(OfficialStyle.Date(m.Escalations[0].MissedDeadline)).Append("），已由")
                    .Append(LevelName(m.Escalations[0].From)).Append("提级至").Append(LevelName(top.To)).AppendLine("督办。");
            }

            md.AppendLine();
        }
    }

    private static void WriteFollowUp(StringBuilder md, IReadOnlyList<MatterView> matters, string county, DateOnly today)
    {
        md.AppendLine("## 三、跟进落实").AppendLine();
        var resolved = matters.Count(m => m.Status == MatterStatus.Resolved);
        var answered = matters.Count(m => m.Status == MatterStatus.Answered);
        var waiting = matters.Count(m => MatterRules.AwaitsAnswers(m.Status));
        var overdue = matters.Count(m => MatterRules.IsOverdue(m.Status, m.DueDate, today));
        var escalated = matters.Count(m => m.Escalations.Length > 0 && m.Status != MatterStatus.Resolved);
        var item = 1;

        md.Append(item++).Append(". 本次会议议定事项").Append(matters.Count).Append("项：已办结").Append(resolved).Append("项，已答复待确认")
            .Append(answered).Append("项，正在办理").Append(waiting).Append('项');
        if (overdue > 0)
        {
            md.Append("（其中逾期").Append(overdue).Append('项');
            if (escalated > 0)
            {
                md.Append("，已提级督办").Append(escalated).Append('项');
            }

            md.Append('）');
        }

        md.AppendLine("。");

        var pending = matters
            .Select((m, i) => (Matter: m, Number: i + 1))
            .Where(x => MatterRules.AwaitsAnswers(x.Matter.Status))
            .SelectMany(x => x.Matter.Departments.Where(d => d.Pending).Select(d => (d.Name, x.Number)))
            .GroupBy(x => x.Name)
            .ToList();
        if (pending.Count > 0)
        {
            md.Append(item++).Append(". 请").Append(string.Join("，", pending.Select(g =>
                    g.Key + "就第" + string.Join("、", g.Select(x => "（" + OfficialStyle.Numeral(x.Number) + "）")) + "项")))
                .AppendLine("抓紧作出答复，并将办理结果反馈提出单位。");
        }

        if (answered > 0)
        {
            md.Append(item++).Append(". 已答复待确认的事项，请").Append(county).AppendLine("及时核实办理情况：确已解决的予以确认办结，未解决的提出重新办理。");
        }

        if (overdue > 0)
        {
            md.Append(item++).AppendLine(". 逾期未办结事项按规定逐级提级督办，由市重点项目办跟踪落实，办理情况纳入“比学赶超”考评。");
        }

        md.Append(item).AppendLine(". 各承办单位要强化市县镇联动，按办理时限推动事项落地见效，确保完成全年目标任务。").AppendLine();
    }

    private static string StatusText(MatterView m, DateOnly today) => m.Status switch
    {
        MatterStatus.Resolved => "已办结" + (m.Resolution?.Note is { } note ? "（" + note + "）" : ""),
        MatterStatus.Answered => "已答复，待提出单位确认办结",
        MatterStatus.Reopened => "重新办理" + (m.ReopenReason is { } reason ? "（" + reason + "）" : "") + Overdue(m, today),
        _ => "正在办理，" + m.Departments.Count(d => d.Pending) + "个单位尚未答复" + Overdue(m, today),
    };

    private static string Overdue(MatterView m, DateOnly today) => MatterRules.IsOverdue(m.Status, m.DueDate, today) ? "，已逾期" : "";

    private static string LevelName(string code) => DivisionCodes.LevelOf(code) switch
    {
        DivisionLevel.City => "市级",
        DivisionLevel.County => "县级",
        DivisionLevel.Town => "镇级",
        _ => code,
    };
}
