extern alias silo;

using System.Collections.Immutable;
using System.Globalization;
using System.Resources;
using Liandong.Client.Portal;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.Extensions.Localization;
using TaskRules = Liandong.Grains.Tasks.TaskRules;

namespace Liandong.Portal.Tests;

/// <summary>
/// Monthly-report task titles in the work list (Client/Portal/TaskTitles.cs): written from the task's facts in the portal's
/// language; in Chinese exactly the title the grain stores (what the API and the robot say), in English in English.
/// </summary>
public sealed class TaskTitlesTests
{
    private static readonly TownReportsDue[] Towns =
    [
        new("440883101", "吴阳镇", ["吴阳渔港升级改造", "吴阳海鲜加工园", "吴阳冷库", "吴阳海堤加固"]),
        new("440883102", "塘缀镇", ["塘缀鞋业园二期"]),
        new("440883103", "黄坡镇", []),
    ];

    private static IReadOnlyList<TaskItem> OpenTasks() =>
        [.. TaskRules.OfMonthlyReports("440883", new YearMonth(2023, 5), new DateOnly(2023, 6, 6), new DateOnly(2023, 6, 1), Towns, 7)
            .Select(t => t.Task)
            .Where(t => t.Open)
            .Select(t => new TaskItem(t.Kind, t.SubjectId, t.Title, t.DueDate, false, t.Link, true, t.Report))];

    [Fact]
    public void InChineseTheTitleIsTheOneTheGrainStores()
    {
        var tasks = OpenTasks();
        Assert.Equal(3, tasks.Count);
        using var _ = new Culture("zh-CN");
        Assert.All(tasks, t => Assert.Equal(t.Title, TaskTitles.Of(t, new ResourceLocalizer())));
        Assert.Contains(tasks, t => t.Title.Contains("等4个项目", StringComparison.Ordinal));
    }

    [Fact]
    public void InEnglishTheTitleIsWrittenInEnglish()
    {
        var tasks = OpenTasks().ToDictionary(t => t.Id.Split('/')[0]);
        using var _ = new Culture("en");
        var localizer = new ResourceLocalizer();
        Assert.Equal("Monthly reports for 5/2023: 吴阳渔港升级改造, 吴阳海鲜加工园, 吴阳冷库 and 1 more not reported (due 6 Jun)",
            TaskTitles.Of(tasks["440883101"], localizer));
        Assert.Equal("Monthly reports for 5/2023: 塘缀鞋业园二期 not reported (due 6 Jun)", TaskTitles.Of(tasks["440883102"], localizer));
        Assert.Equal("Monthly reports for 5/2023: 5 projects not reported (吴阳镇 (4), 塘缀镇 (1)), due 6 Jun", TaskTitles.Of(tasks["440883"], localizer));
    }

    [Fact]
    public void OtherKindsAndTasksStoredWithoutFactsKeepTheirTitle()
    {
        using var _ = new Culture("en");
        var localizer = new ResourceLocalizer();
        Assert.Equal("关于吴川市城区道路改造的事项",
            TaskTitles.Of(new TaskItem(TaskKinds.AnswerMatter, "M-1", "关于吴川市城区道路改造的事项", new DateOnly(2023, 6, 6), false, "/matters/M-1"), localizer));
        Assert.Equal("2023年5月项目月报：3个项目未报送（吴阳镇3个），6月6日前报送",
            TaskTitles.Of(new TaskItem(TaskKinds.ReportsMissing, "440883/2023-05", "2023年5月项目月报：3个项目未报送（吴阳镇3个），6月6日前报送",
                new DateOnly(2023, 6, 6), true, "/missing-reports/440883"), localizer));
    }

    /// <summary>The portal's strings in the current UI culture, as IStringLocalizer&lt;Strings&gt; reads them.</summary>
    private sealed class ResourceLocalizer : IStringLocalizer
    {
        private static readonly ResourceManager Resources = new("Liandong.Client.Portal.Strings", typeof(Strings).Assembly);

        public LocalizedString this[string name] =>
            Resources.GetString(name, CultureInfo.CurrentUICulture) is { } value ? new(name, value) : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    /// <summary>Sets the thread's cultures for a test and restores them.</summary>
    private sealed class Culture : IDisposable
    {
        private readonly (CultureInfo, CultureInfo) _saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

        public Culture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _saved;
    }
}
