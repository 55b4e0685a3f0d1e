using Liandong.Grains.Coordination;
using Liandong.Silo.Accounts;
using Liandong.Silo.Demo;
using Liandong.Silo.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;

namespace Liandong.Silo.Hosting;

/// <summary>Everything a Liandong silo needs, shared by the Silo program, the tests and the benchmark.</summary>
public static class SiloHostExtensions
{
    public static IHostApplicationBuilder AddLiandongSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);

        // Grain state is stored with Orleans' own version-tolerant serializer: the [Id] on every stored
        // record is what keeps old rows readable after a refactor (STYLE.md).
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        builder.UseOrleans(silo =>
        {
            silo.AddLiandongStorage(builder.Configuration);

            // Grain calls join the caller's trace (W3C traceparent in the message headers).
            silo.AddActivityPropagation();

            // Unset keys keep Orleans' defaults; tests on loopback shorten the failure detection.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Cluster:Membership"));
            silo.AddLiandongRollupTiming(builder.Configuration);

            // The dashboard's silo half: grain statistics and the profiler the front tier's /dashboard reads.
            silo.AddDashboard();
        });

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Liandong.ServiceDefaults.ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<SiloStatusHealthCheck>("silo", tags: [Liandong.ServiceDefaults.ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<StartupAccountsHealthCheck>("accounts", tags: [Liandong.ServiceDefaults.ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddSingleton<StartupAccounts>();

        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        builder.Services.AddSingleton<DemoScenario>();
        builder.Services.AddSingleton<IDemoPart, FinanceDemo>();
        builder.Services.AddSingleton<IDemoPart, PromotionDemo>();
        builder.Services.AddHostedService<DemoLoaderService>();
        builder.Services.AddSingleton<IDemoPart, CoordinationDemo>();
        builder.Services.AddSingleton<IDemoPart, UsersDemo>();
        builder.Services.AddSingleton<IDemoPart, TenderDemo>();
        builder.Services.AddHostedService<DemoAccountsWarning>();
        builder.Services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        builder.Services.AddHostedService<BootstrapAdminService>();

        // Reminders before deadlines and their WeCom delivery: Notifications:* (docs/portal.md "Reminders").
        builder.Services.AddOptions<Liandong.Grains.Tasks.NotificationOptions>().BindConfiguration("Notifications");

        // How overdue matters escalate: Coordination:Escalation:ReminderPeriod and :DaysPerLevel (docs/coordination.md).
        builder.Services.AddOptions<MatterEscalationOptions>().BindConfiguration("Coordination:Escalation");

        // Investment promotion deadlines and reminder period: Promotion:* (docs/promotion.md).
        builder.Services.AddOptions<Liandong.Grains.Promotion.PromotionOptions>().BindConfiguration("Promotion");
        return builder;
    }
}
