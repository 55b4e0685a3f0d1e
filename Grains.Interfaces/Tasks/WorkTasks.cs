using System.Collections.Immutable;
using Liandong.Coordination;

namespace Liandong.Tasks;

/// <summary>
/// The kinds of work that wait on an account (待办). A domain that brings new work adds its kind here and a
/// function that derives its tasks from its grain's state (see <c>Grains/Tasks/TaskRules.cs</c>); the work list,
/// its page and its API need nothing else.
/// </summary>
public static class TaskKinds
{
    public const string AnswerMatter = "matter.answer";
    public const string ConfirmMatter = "matter.confirm";
    public const string SplitDirective = "directive.split";
    public const string ReportDirective = "directive.report";
    public const string RecommendFinancing = "financing.recommend";
    public const string OfferFinancing = "financing.offer";
    public const string AcceptOffer = "financing.accept";
    public const string Disburse = "financing.disburse";

    // Monthly reports (issue 12): a town's or county's projects without last month's report, before the city's due
    // day ("due soon") and after it ("missing"); derived by TaskRules.OfMonthlyReports.
    public const string ReportsDueSoon = "reports.dueSoon";
    public const string ReportsMissing = "reports.missing";

    // Investment promotion (docs/promotion.md): a lead past one of its timed-handling deadlines.
    public const string FollowUpLead = "lead.followup";

    public static ImmutableArray<string> All { get; } =
        [AnswerMatter, ConfirmMatter, SplitDirective, ReportDirective, RecommendFinancing, OfferFinancing, AcceptOffer, Disburse,
            ReportsDueSoon, ReportsMissing, FollowUpLead];
}

/// <summary>
/// Who work waits on: the key of a task index grain. One index per division (its county or town officers and the
/// command office of a city), department, bank, enterprise (project owner) and leader.
/// </summary>
public static class TaskOwners
{
    public static string Division(string code) => "division:" + code;

    public static string Department(string id) => "department:" + id;

    public static string Bank(string code) => "bank:" + code;

    public static string Enterprise(string creditCode) => "enterprise:" + creditCode;

    /// <summary>A leader's office (its leader id): the leads it is responsible for.</summary>
    public static string Leader(string id) => "leader:" + id;
}

/// <summary>
/// One piece of work as its owner grain last described it. <see cref="Open"/> false means done (or no longer this
/// account's): the index keeps it only to refuse an older, still-open version arriving late.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.WorkTask")]
public sealed record WorkTask(
    [property: Id(0)] string Kind,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly? DueDate,
    [property: Id(4)] string Link,
    [property: Id(5)] bool Open,
    [property: Id(6)] long Version,
    [property: Id(7)] string? City = null,
    [property: Id(8)] string? Notify = null,
    [property: Id(9)] ReportTaskFacts? Report = null) : IIndexEntry
{
    // City: whose notification outbox reminds of it; Notify: the county code or department id whose WeCom group
    // robot is told (null: no reminder for this kind of work); Report: what a monthly-report task's title says, so that
    // the portal writes it in its own language (null for other kinds, and for rows written before it).
    /// <summary>One task per kind and subject in an index.</summary>
    public string Id => Kind + "/" + SubjectId;
}

/// <summary>A task as the work list shows it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.TaskItem")]
public sealed record TaskItem(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly? DueDate,
    [property: Id(4)] bool Overdue,
    [property: Id(5)] string Link,
    [property: Id(6)] bool DueSoon = false,
    [property: Id(7)] ReportTaskFacts? Report = null);

/// <summary>
/// What a monthly-report task's title says, for the portal to write it in its own language (the task's Chinese
/// <see cref="WorkTask.Title"/> is what the API and the robots show): the month whose reports are due, how many
/// projects have not reported, and who — a town's project names (the first three), or a county's towns
/// (<see cref="Names"/>) with the count of each (<see cref="Counts"/>, empty for a town's task).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReportTaskFacts")]
public sealed record ReportTaskFacts(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month,
    [property: Id(2)] int Missing,
    [property: Id(3)] ImmutableArray<string> Names,
    [property: Id(4)] ImmutableArray<int> Counts)
{
    /// <summary>A county's task (its towns and their counts) rather than a town's (its projects).</summary>
    public bool OfCounty => !Counts.IsDefaultOrEmpty;

    /// <summary>
    /// Equal facts by value, arrays included (an <see cref="ImmutableArray{T}"/> compares its array by reference): a
    /// refresh that finds the same facts leaves the task's version, and the work lists write nothing.
    /// </summary>
    public bool Equals(ReportTaskFacts? other) =>
        other is not null && Year == other.Year && Month == other.Month && Missing == other.Missing
        && Names.AsSpan().SequenceEqual(other.Names.AsSpan()) && Counts.AsSpan().SequenceEqual(other.Counts.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Year, Month, Missing, Names.IsDefault ? 0 : Names.Length);
}

/// <summary>The work list of one owner (<see cref="TaskOwners"/>), pushed by the grains whose work it is.</summary>
[Alias("Liandong.ITaskIndexGrain")]
public interface ITaskIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes the latest description of some tasks (an older version of one changes nothing).</summary>
    [Alias("Track")]
    Task TrackAsync(ImmutableArray<WorkTask> tasks);

    /// <summary>The open tasks, the earliest due first.</summary>
    [Alias("List")]
    Task<ImmutableArray<TaskItem>> ListAsync();

    /// <summary>
    /// What the index's reminder does on each tick: every open task that is due within the reminder window (or, for a
    /// bank's offer, waiting past its five working days) is handed to its city's notification outbox, once per task and due date.
    /// </summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
