using System.Collections.Immutable;

namespace Liandong.Reporting;

/// <summary>The planned investment of one year (年度计划投资), in 万元.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.AnnualPlan")]
public sealed record AnnualPlan([property: Id(0)] int Year, [property: Id(1)] decimal Amount);

/// <summary>What a project is: the facts a county registers and keeps up to date.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectProfile")]
public sealed record ProjectProfile(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string TownCode,
    [property: Id(3)] ProjectCategory Category,
    [property: Id(4)] string? SubCategory,
    [property: Id(5)] ProjectStage Stage,
    [property: Id(6)] decimal TotalInvestment,
    [property: Id(7)] ImmutableArray<AnnualPlan> AnnualPlans,
    [property: Id(8)] DateOnly? StartDate,
    [property: Id(9)] DateOnly? PlannedCompletionDate)
{
    public string CountyCode => TownCode[..6];

    public decimal PlanFor(int year) => SafeMath.Sum(AnnualPlans.Where(p => p.Year == year).Select(p => p.Amount));
}

/// <summary>A monthly report as submitted (月报): the investment completed in that one month.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReportInput")]
public sealed record ReportInput(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month,
    [property: Id(2)] decimal InvestmentCompleted,
    [property: Id(3)] decimal? ProgressPercent,
    [property: Id(4)] string? ImageProgress,
    [property: Id(5)] ImmutableArray<string> Problems)
{
    /// <summary>Whether two submissions say the same thing (a repeat, not a correction).</summary>
    public bool SameFiguresAs(ReportInput other) =>
        Year == other.Year && Month == other.Month && InvestmentCompleted == other.InvestmentCompleted &&
        ProgressPercent == other.ProgressPercent && ImageProgress == other.ImageProgress &&
        Problems.SequenceEqual(other.Problems);
}

/// <summary>An earlier figure of a report, kept when a correction replaced it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReportRevision")]
public sealed record ReportRevision(
    [property: Id(0)] ReportInput Figures,
    [property: Id(1)] DateTimeOffset SubmittedAt,
    [property: Id(2)] string SubmittedBy,
    [property: Id(3)] DateTimeOffset ReplacedAt,
    [property: Id(4)] string ReplacedBy);

/// <summary>The report of one month as it stands, with the figures it replaced.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MonthlyReport")]
public sealed record MonthlyReport(
    [property: Id(0)] ReportInput Figures,
    [property: Id(1)] DateTimeOffset SubmittedAt,
    [property: Id(2)] string SubmittedBy,
    [property: Id(3)] ImmutableArray<ReportRevision> Corrections)
{
    public int Year => Figures.Year;

    public int Month => Figures.Month;
}

/// <summary>An entry in a project's audit trail: who changed what, and when.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action);

/// <summary>A project as the front tier shows it: profile, light and figures for a period, and its reports.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectView")]
public sealed record ProjectView(
    [property: Id(0)] ProjectProfile Profile,
    [property: Id(1)] Light? Light,
    [property: Id(2)] Totals Totals,
    [property: Id(3)] ImmutableArray<MonthlyReport> Reports,
    [property: Id(4)] ImmutableArray<AuditEntry> History,
    [property: Id(5)] DateTimeOffset RegisteredAt,
    [property: Id(6)] long Version)
{
    /// <summary>The owner enterprise (项目业主), once set.</summary>
    [Id(7)]
    public Liandong.Finance.ProjectOwner? Owner { get; init; }

    /// <summary>Factor needs (要素需求), met ones included.</summary>
    [Id(8)]
    public ImmutableArray<Liandong.Finance.FactorNeed> FactorNeeds { get; init; } = [];

    /// <summary>The sum of the project's financing requests.</summary>
    [Id(9)]
    public Liandong.Finance.FinanceFigures Financing { get; init; } = Liandong.Finance.FinanceFigures.Empty;

    /// <summary>The linked leader (联系领导) of the four leading bodies, if any (coordination: ids 10–19).</summary>
    [Id(10)]
    public string? LeaderId { get; init; }

    /// <summary>The investment-promotion lead the project came from (招商引资: ids 11–14), if any.</summary>
    [Id(11)]
    public string? LeadId { get; init; }

    /// <summary>The referrer (引荐人) of that lead, if any.</summary>
    [Id(12)]
    public string? ReferrerId { get; init; }

    /// <summary>The project's preparation record (前期工作), if recorded.</summary>
    [Id(13)]
    public Liandong.Promotion.PreparationRecord? Preparation { get; init; }

    /// <summary>The project's key-list applications (盘子) and where each stands.</summary>
    [Id(14)]
    public ImmutableArray<Liandong.Promotion.ListApplicationView> ListApplications { get; init; } = [];
}
