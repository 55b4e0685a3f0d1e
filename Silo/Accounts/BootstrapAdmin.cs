using Liandong.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liandong.Silo.Accounts;

/// <summary>
/// The first account of a deployment without the demo (section <c>Accounts:Bootstrap</c>): a city command
/// office account, created at start when it does not exist yet, so that someone can sign in and add the
/// others (portal: 用户管理, API: POST /api/v1/users). Nothing happens while <see cref="Username"/> is empty.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Accounts:Bootstrap";

    public string? Username { get; set; }

    /// <summary>At least 8 characters; change it after the first sign-in by adding a named account and disabling this one.</summary>
    public string? Password { get; set; }

    /// <summary>The city the account commands, e.g. 440800.</summary>
    public string? CityCode { get; set; }

    public string DisplayName { get; set; } = "市重点项目办";
}

/// <summary>Creates the bootstrap account once the silo has started.</summary>
public sealed class BootstrapAdminService(
    IGrainFactory grains, IOptions<BootstrapAdminOptions> options, Hosting.StartupAccounts accounts, ILogger<BootstrapAdminService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Username))
        {
            accounts.BootstrapDone();
            return;
        }

        if (!AccountRules.IsUsername(o.Username) || o.Password is not { Length: >= 8 } || AccountRules.JurisdictionProblem(UserRole.CityAdmin, o.CityCode, o.CityCode ?? "") is not null)
        {
            logger.LogError("Accounts:Bootstrap needs Username (lower case), Password (8 characters or more) and CityCode (e.g. 440800); no account was created");
            accounts.BootstrapDone("Accounts:Bootstrap is incomplete (see the silo's log)");
            return;
        }

        try
        {
            var grain = grains.GetGrain<IUserGrain>(o.Username);
            if (await grain.GetAsync() is not null)
            {
                accounts.BootstrapDone();
                return;
            }

            var hash = new PasswordHasher<UserAccount>().HashPassword(null!, o.Password);
            await grain.CreateAsync(new NewUser(o.DisplayName, UserRole.CityAdmin, o.CityCode!, o.CityCode!, hash), "bootstrap");
            logger.LogWarning("Created the bootstrap account {User} (cityAdmin {City}) from Accounts:Bootstrap; remove the password from the configuration", o.Username, o.CityCode);
            accounts.BootstrapDone();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Silos of one cluster start together, and each creates the account if it is missing: the one that
            // lost the race finds it there, and that is all it wanted.
            if (await ExistsAsync(o.Username))
            {
                accounts.BootstrapDone();
                return;
            }

            logger.LogError(ex, "Could not create the bootstrap account {User}", o.Username);
            accounts.BootstrapDone("the bootstrap account could not be created (see the silo's log)");
        }
    }

    private async Task<bool> ExistsAsync(string username)
    {
        try
        {
            return await grains.GetGrain<IUserGrain>(username).GetAsync() is not null;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
