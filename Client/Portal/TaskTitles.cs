using System.Globalization;
using Liandong.Tasks;
using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal;

/// <summary>
/// A work-list task's title in the portal's language. Most kinds' titles are the subject's own name (a matter's title,
/// a project's name), shown as they are beside the kind's label; a monthly-report task's title is a sentence, so the
/// portal writes it from the task's facts (<see cref="ReportTaskFacts"/>) with "L10n.Tasks.*" of Strings.resx. A task
/// without facts (written before they existed) keeps its stored Chinese title.
/// </summary>
public static class TaskTitles
{
    public static string Of(TaskItem task, IStringLocalizer localizer)
    {
        if (task is not { Kind: TaskKinds.ReportsDueSoon or TaskKinds.ReportsMissing, Report: { } facts, DueDate: { } due })
        {
            return task.Title;
        }

        var culture = CultureInfo.CurrentCulture;
        var separator = localizer["L10n.Separator"].Value;
        string who;
        if (facts.OfCounty)
        {
            who = string.Join(separator, facts.Names.Zip(facts.Counts, (town, count) => string.Format(culture, localizer["L10n.Tasks.TownCount"].Value, town, count)));
        }
        else
        {
            var names = facts.Names.IsDefault ? [] : facts.Names;
            who = string.Join(separator, names)
                + (facts.Missing > names.Length ? string.Format(culture, localizer["L10n.Tasks.More"].Value, facts.Missing, facts.Missing - names.Length) : "");
        }

        var template = localizer[facts.OfCounty ? "L10n.Tasks.Reports.County" : "L10n.Tasks.Reports.Town"].Value;
        return string.Format(culture, template, facts.Year, facts.Month, who, facts.Missing, due.Month, due.Day, due.ToDateTime(TimeOnly.MinValue));
    }
}
