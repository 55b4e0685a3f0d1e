using Liandong.Coordination;
using Liandong.Ranking;

namespace Liandong.Grains.Ranking;

/// <summary>Counts matters for the rankings from the summaries the matter indexes keep (no matter grain is read).</summary>
public static class MatterStats
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// The matters that came due in the year up to the end of the month (or today, if the month is not over), and how
    /// many were resolved by their due date (for a county or town: the matters of its index).
    /// </summary>
    public static MatterCounts ForDivision(IEnumerable<MatterSummary> matters, int year, int month, DateOnly today)
    {
        var end = Cutoff(year, month, today);
        int due = 0, onTime = 0;
        foreach (var m in matters)
        {
            if (!IsDueIn(m.DueDate, year, end))
            {
                continue;
            }

            due++;
            if (m.ResolvedAt is { } resolved && LocalDate(resolved) <= m.DueDate && LocalDate(resolved) <= end)
            {
                onTime++;
            }
        }

        return new MatterCounts(due, onTime, 0, 0, 0, 0m);
    }

    /// <summary>One department's assignments due in the period: answered on time, overdue (not answered by the due date), mean days to answer.</summary>
    public static MatterCounts ForDepartment(IEnumerable<MatterSummary> matters, string departmentId, int year, int month, DateOnly today)
    {
        var end = Cutoff(year, month, today);
        int due = 0, onTime = 0, overdue = 0, answered = 0;
        var days = 0m;
        foreach (var m in matters)
        {
            if (!m.Departments.Contains(departmentId) || !IsDueIn(m.DueDate, year, end))
            {
                continue;
            }

            due++;
            DateOnly? answeredOn = m.FirstAnswers is { } first && first.TryGetValue(departmentId, out var at) && LocalDate(at) <= end
                ? LocalDate(at)
                : null;
            if (answeredOn is { } a)
            {
                answered++;
                days += Math.Max(0, a.DayNumber - LocalDate(m.RaisedAt).DayNumber);
            }

            if (answeredOn is { } on && on <= m.DueDate)
            {
                onTime++;
            }
            else
            {
                overdue++;
            }
        }

        return new MatterCounts(due, 0, onTime, overdue, answered, days);
    }

    /// <summary>The departments any of the matters are assigned to.</summary>
    public static IEnumerable<string> Departments(IEnumerable<MatterSummary> matters) =>
        matters.SelectMany(m => m.Departments).Distinct(StringComparer.Ordinal);

    private static bool IsDueIn(DateOnly dueDate, int year, DateOnly end) => dueDate.Year == year && dueDate <= end;

    /// <summary>The end of the month, or today while the month runs: a matter not yet due is neither on time nor late.</summary>
    private static DateOnly Cutoff(int year, int month, DateOnly today)
    {
        var end = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return today < end ? today : end;
    }

    private static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);
}
