using System.Collections.Immutable;
using System.Globalization;
using Liandong.Grains.Coordination;
using Liandong.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Tasks;

/// <summary>
/// The work list of one owner (a division, department, bank or enterprise): every task its grains told it about,
/// open or done, by id. Reading it is one grain call; nothing is scanned. A push older than the version held changes
/// nothing, so the owners may push again after a failure or a restart. While it holds open tasks with a deadline
/// and someone to tell, a durable Orleans reminder sweeps them (<see cref="SweepAsync"/>).
/// </summary>
public sealed class TaskIndexGrain(
    [PersistentState("taskIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<WorkTask>> state,
    TimeProvider time,
    IServiceProvider services) : Grain, ITaskIndexGrain, IRemindable
{
    private const string SweepReminder = "due-sweep";

    private NotificationOptions Options => services.GetService<IOptions<NotificationOptions>>()?.Value ?? new NotificationOptions();

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task TrackAsync(ImmutableArray<WorkTask> tasks)
    {
        var previous = state.State;
        var entries = previous.Entries;
        foreach (var task in tasks)
        {
            if (entries.TryGetValue(task.Id, out var held) && held.Version >= task.Version)
            {
                continue;
            }

            // A closed task nobody knew as open needs no place in the list.
            entries = !task.Open && held is null ? entries : entries.SetItem(task.Id, task);
        }

        if (ReferenceEquals(entries, previous.Entries))
        {
            return;
        }

        state.State = previous with { Entries = entries };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        if (entries.Values.Any(Remindable))
        {
            await this.RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), Options.SweepPeriod);
        }
    }

    public Task<ImmutableArray<TaskItem>> ListAsync()
    {
        var today = Today;
        var soon = today.AddDays(Options.DueSoonDays);
        return Task.FromResult(state.State.Entries.Values
            .Where(t => t.Open)
            .OrderBy(t => t.DueDate ?? DateOnly.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new TaskItem(t.Kind, t.SubjectId, t.Title, t.DueDate, t.DueDate is { } due && due < today, t.Link,
                t.DueDate is { } d && d >= today && d <= soon, t.Report))
            .ToImmutableArray());
    }

    public async Task<int> SweepAsync()
    {
        var today = Today;
        var options = Options;
        var queued = 0;
        foreach (var t in state.State.Entries.Values.Where(Remindable).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var due = t.DueDate!.Value;
            var remind = t.Kind == TaskKinds.OfferFinancing ? today >= due : due <= today.AddDays(options.DueSoonDays);
            if (!remind)
            {
                continue;
            }

            // One key per owner, task and deadline: a new due date (a matter reopened) is a new reminder, a repeat is none.
            var key = $"{this.GetPrimaryKeyString()}|{t.Id}|{due:yyyy-MM-dd}";
            if (await GrainFactory.GetGrain<INotificationOutboxGrain>(t.City!).EnqueueAsync(key, t.Notify!, Markdown(t, today, options)))
            {
                queued++;
            }
        }

        return queued;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        await SweepAsync();
        if (!state.State.Entries.Values.Any(Remindable))
        {
            var reminder = await this.GetReminder(SweepReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private static bool Remindable(WorkTask t) => t.Open && t.DueDate is not null && t.City is not null && t.Notify is not null;

    /// <summary>The robot's markdown: what, for whom, by when, and where to do it.</summary>
    private static string Markdown(WorkTask t, DateOnly today, NotificationOptions options)
    {
        var due = t.DueDate!.Value;
        var when = due < today ? $"<font color=\"warning\">已逾期{today.DayNumber - due.DayNumber}天</font>"
            : due == today ? "<font color=\"warning\">今天到期</font>"
            : $"还有{due.DayNumber - today.DayNumber}天";
        var what = t.Kind switch
        {
            TaskKinds.AnswerMatter => "事项待答复",
            TaskKinds.SplitDirective => "联动任务待分解",
            TaskKinds.ReportDirective => "联动任务待报告进度",
            TaskKinds.OfferFinancing => "融资需求已推荐5个工作日，银行尚未答复",
            TaskKinds.ReportsDueSoon => "项目月报即将截止，请督促报送",
            _ => "待办",
        };
        var date = due.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        return $"**【待办提醒】{what}**\n> {t.Title}\n> 时限：{date}（{when}）\n> [在联动平台办理]({options.PortalUrl.TrimEnd('/')}{t.Link})";
    }
}
