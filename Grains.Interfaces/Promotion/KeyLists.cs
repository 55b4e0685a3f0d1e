using System.Collections.Immutable;

namespace Liandong.Promotion;

/// <summary>Which key list (盘子) a project applies to.</summary>
public enum KeyList
{
    City = 0,
    Provincial = 1,
    National = 2,
}

/// <summary>What the project applies as (新开工, 续建, 预备).</summary>
public enum KeyListKind
{
    NewStart = 0,
    Continuing = 1,
    Preparatory = 2,
}

/// <summary>How the project was approved: 审批, 核准, 备案, or not yet.</summary>
public enum ApprovalKind
{
    None = 0,
    Approved = 1,
    Verified = 2,
    Filed = 3,
}

/// <summary>Where a list application stands.</summary>
public enum ListApplicationStatus
{
    Draft = 0,
    Submitted = 1,
    Included = 2,
    NotIncluded = 3,
}

/// <summary>A project's preparation record (前期工作): what the key lists check before a project may apply.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.PreparationRecord")]
public sealed record PreparationRecord(
    [property: Id(0)] string? NationalCode,
    [property: Id(1)] ApprovalKind Approval,
    [property: Id(2)] bool LandSecured,
    [property: Id(3)] bool EnvironmentalAssessment,
    [property: Id(4)] decimal FundsSecured,
    [property: Id(5)] DateOnly? PlannedStart);

/// <summary>One readiness check of an application and its outcome.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReadinessCheck")]
public sealed record ReadinessCheck(
    [property: Id(0)] string Check,
    [property: Id(1)] bool Ok,
    [property: Id(2)] string Detail)
{
    /// <summary>The detail as a keyed rule (its English text is <see cref="Detail"/>), for the portal to write in its language; null on checks stored before it was kept.</summary>
    [Id(3)]
    public RuleText? Rule { get; init; }

    /// <summary>A check whose detail is a keyed rule: the API answers its English text.</summary>
    public static ReadinessCheck Of(string check, bool ok, RuleText detail) => new(check, ok, detail.Text) { Rule = detail };
}

/// <summary>An application of one project to a key list for a year.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ListApplicationView")]
public sealed record ListApplicationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectCode,
    [property: Id(2)] string TownCode,
    [property: Id(3)] KeyList List,
    [property: Id(4)] int Year,
    [property: Id(5)] KeyListKind Kind,
    [property: Id(6)] ListApplicationStatus Status,
    [property: Id(7)] ImmutableArray<ReadinessCheck> Checks,
    [property: Id(8)] DateOnly? DecisionDate,
    [property: Id(9)] string? DecisionNote,
    [property: Id(10)] long Version);

/// <summary>Included applications counted by list: what a division's totals show as <c>lists</c>.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ListCounts")]
public sealed record ListCounts(
    [property: Id(0)] int City,
    [property: Id(1)] int Provincial,
    [property: Id(2)] int National)
{
    public ListCounts() : this(0, 0, 0)
    {
    }

    public static ListCounts Empty { get; } = new();

    // Most figures that roll up carry no inclusions: combining them allocates nothing on the roll-up's hot path.
    public ListCounts Combine(ListCounts other, int sign) => other is { City: 0, Provincial: 0, National: 0 } ? this :
        new(City + sign * other.City, Provincial + sign * other.Provincial, National + sign * other.National);

    public static ListCounts Of(IEnumerable<ListApplicationView> applications)
    {
        var included = applications.Where(a => a.Status == ListApplicationStatus.Included).ToList();
        return new(included.Count(a => a.List == KeyList.City), included.Count(a => a.List == KeyList.Provincial),
            included.Count(a => a.List == KeyList.National));
    }
}

/// <summary>Ids of list applications: <c>{list}-{year}-{projectCode}</c>, so a project applies once per list and year.</summary>
public static class ListApplicationIds
{
    public static string Of(KeyList list, int year, string projectCode) => $"{list.ToString().ToLowerInvariant()}-{year}-{projectCode}";
}

/// <summary>A project's application to a key list (盘子), keyed by <see cref="ListApplicationIds"/>.</summary>
[Alias("Liandong.IListApplicationGrain")]
public interface IListApplicationGrain : IGrainWithStringKey
{
    /// <summary>Drafts the application and runs the readiness checks on the project's preparation record.</summary>
    [Alias("Create")]
    Task<ListApplicationView> CreateAsync(string projectCode, KeyList list, int year, KeyListKind kind, string actor);

    [Alias("Get")]
    Task<ListApplicationView> GetAsync();

    /// <summary>Runs the checks again and submits; a failed check is a conflict naming it.</summary>
    [Alias("Submit")]
    Task<ListApplicationView> SubmitAsync(string actor);

    /// <summary>The city's decision on a submitted application.</summary>
    [Alias("Decide")]
    Task<ListApplicationView> DecideAsync(bool included, DateOnly date, string? note, string actor);
}

/// <summary>The project's side of the key lists: its preparation record and its applications.</summary>
[Alias("Liandong.IProjectKeyLists")]
public interface IProjectKeyLists
{
    /// <summary>Sets the project's preparation record.</summary>
    [Alias("SetPreparation")]
    Task SetPreparationAsync(PreparationRecord record, string actor);

    /// <summary>The preparation record, if any.</summary>
    [Alias("GetPreparation")]
    Task<PreparationRecord?> GetPreparationAsync();

    /// <summary>Keeps an application's latest view (older versions are ignored); included ones count in the totals.</summary>
    [Alias("AcceptListApplication")]
    Task AcceptListApplicationAsync(ListApplicationView application);
}

/// <summary>The names of the readiness checks, and the kind of factor need a failed one becomes.</summary>
public static class KeyListChecks
{
    public const string ProjectCode = "projectCode";
    public const string Approval = "approval";
    public const string Land = "land";
    public const string EnvironmentalAssessment = "environmentalAssessment";
    public const string Funds = "funds";
    public const string PlannedStart = "plannedStart";

    /// <summary>Land becomes a land need, funds a funds need, every other gap an approval need.</summary>
    public static Liandong.Finance.FactorKind FactorKindOf(string check) => check switch
    {
        Land => Liandong.Finance.FactorKind.Land,
        Funds => Liandong.Finance.FactorKind.Funds,
        _ => Liandong.Finance.FactorKind.Approval,
    };
}
