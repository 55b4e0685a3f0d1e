namespace Liandong.Reporting;

/// <summary>A key project (重点项目), keyed by its project code: its profile, monthly reports and figures.</summary>
[Alias("Liandong.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey, Liandong.Hierarchy.IRollupChild, Liandong.Finance.IProjectFinance, IProjectLightRules, Liandong.Promotion.IProjectPromotion, Liandong.Promotion.IProjectKeyLists
{
    /// <summary>Registers the project under its town; a second registration of the same code is a conflict.</summary>
    [Alias("Register")]
    Task<ProjectView> RegisterAsync(ProjectProfile profile, string actor);

    /// <summary>The project with its light and totals for a period (the latest reported month by default).</summary>
    [Alias("Get")]
    Task<ProjectView> GetAsync(PeriodQuery period);

    /// <summary>Accepts a monthly report: new, an identical repeat (no change), or a correction.</summary>
    [Alias("SubmitReport")]
    Task<ProjectView> SubmitReportAsync(ReportInput report, string actor);

    /// <summary>Whether the project exists.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Who the project belongs to, for access checks: read-only, no view is built; an unknown project is a 404.</summary>
    [Alias("GetScope"), Orleans.Concurrency.ReadOnly]
    Task<ProjectScope> GetScopeAsync();

    /// <summary>Pushes the project's persisted figures to its town again if the town has not confirmed them.</summary>
    [Alias("Resync")]
    Task ResyncAsync();
}
