using Liandong.Accounts;
using Liandong.Finance;
using Microsoft.AspNetCore.Identity;

namespace Liandong.Silo.Demo;

/// <summary>
/// Demo accounts, one for each role, all with the password <c>demo</c> (docs/portal.md lists them). They
/// exist only when the demo scenario is loaded; the silo warns at every start while any of them is active.
/// </summary>
public sealed class UsersDemo(ILogger<UsersDemo> logger) : IDemoPart
{
    public const string Password = "demo";

    /// <summary>The owner of the industrial-transfer-park projects in the finance part of the demo (FinanceDemo).</summary>
    public static readonly string ParkEnterprise =
        CreditCodes.Complete("91" + "440883" + "MA4W7R2K" + CreditCodes.OrganizationCheckCharacter("MA4W7R2K"));

    /// <summary>After the flows' own parts, so that accounts can name their departments, leaders and banks.</summary>
    public int Order => 900;

    /// <summary>The demo accounts: username, display name, role, jurisdiction.</summary>
    public static IReadOnlyList<(string Username, string DisplayName, UserRole Role, string Jurisdiction)> Accounts { get; } =
    [
        ("city.admin", "市重点项目办", UserRole.CityAdmin, DemoScenario.CityCode),
        ("wuchuan.officer", "吴川市发展和改革局", UserRole.CountyOfficer, "440883"),
        ("lianjiang.officer", "廉江市发展和改革局", UserRole.CountyOfficer, "440881"),
        ("tangzhui.officer", "塘㙍镇人民政府", UserRole.TownOfficer, "440883107"),
        ("dept.zrzyj", "市自然资源局", UserRole.Department, "440800-zrzyj"),
        ("owner.demo", "吴川市产业转移园开发建设有限公司（演示）", UserRole.ProjectOwner, ParkEnterprise),
        ("leader.secretary", "市委书记", UserRole.Leader, "440800-swsj"),
        ("inspector.demo", "市纪委监委驻发改局纪检监察组", UserRole.Inspector, DemoScenario.CityCode),
        ("bank.icbc", "工商银行湛江分行", UserRole.BankOfficer, "icbc-zhanjiang"),
        ("ops.demo", "运维值班", UserRole.Ops, DemoScenario.CityCode),
    ];

    public async Task LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var hasher = new PasswordHasher<UserAccount>();
        foreach (var (username, displayName, role, jurisdiction) in Accounts)
        {
            var grain = grains.GetGrain<IUserGrain>(username);
            if (await grain.GetAsync() is not null)
            {
                continue;
            }

            await grain.CreateAsync(new NewUser(displayName, role, jurisdiction, DemoScenario.CityCode, hasher.HashPassword(null!, Password), IsDemo: true), "demo");
        }

        logger.LogWarning("Demo accounts created ({Count}, password '{Password}'): never run the demo scenario where real data lives", Accounts.Count, Password);
    }
}

/// <summary>Warns at start while demo accounts (known password) are active in the demo city.</summary>
public sealed class DemoAccountsWarning(IGrainFactory grains, ILogger<DemoAccountsWarning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var accounts = await grains.GetGrain<IUserDirectoryGrain>(DemoScenario.CityCode).ListAsync();
            var active = accounts.Where(a => a.IsDemo && !a.Disabled).Select(a => a.Username).ToList();
            if (active.Count > 0)
            {
                logger.LogWarning("{Count} demo accounts with the password '{Password}' are active: {Accounts}. Disable them (portal: 用户管理) before real use",
                    active.Count, UsersDemo.Password, string.Join(", ", active));
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not check for demo accounts");
        }
    }
}
