namespace Liandong.Client.Services;

/// <summary>Registers the thin services over the cluster client that the API and the portal share.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddLiandongServices(this IServiceCollection services)
    {
        services.AddSingleton<HierarchyService>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<OpsService>();
        services.AddSingleton<FinanceService>();
        services.AddSingleton<PromotionService>();
        services.AddSingleton<AccessScopes>();
        services.AddSingleton<CoordinationAccess>();
        services.AddSingleton<CoordinationService>();
        services.AddSingleton<TenderService>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<RankingService>();
        services.AddScoped<ExportService>();
        services.AddSingleton<BriefingService>();
        services.AddSingleton<SpreadsheetService>();
        return services;
    }
}
