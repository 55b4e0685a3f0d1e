using Liandong.Accounts;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Accounts;

/// <summary>
/// A person's account: role, jurisdiction and password hash. The front tier verifies passwords (it owns
/// the hasher); this grain keeps the hash and counts failed attempts so that a name is locked cluster-wide.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Main)] IPersistentState<UserState> state,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    /// <summary>The stamp of an account stored before stamps existed.</summary>
    public const string InitialStamp = "initial";

    /// <summary>The reminder that tells the city's user directory again when telling it was cut short.</summary>
    public const string RetryReminderName = "account-publish";

    private readonly SignInThrottle _throttle = new(time);

    private VersionedPublisher<UserState>? _publisher;

    /// <summary>
    /// The account is persisted, then published to its city's directory (the admin's account list); a publication
    /// cut short (the directory's silo down, this silo dying after the write) is retried by a reminder, so a created
    /// or disabled account is never missing from the list, nor listed as it was.
    /// </summary>
    private VersionedPublisher<UserState> Publisher => _publisher ??= new VersionedPublisher<UserState>(
        new WakeUpReminder(this, RetryReminderName), null, s => s.Account is null ? null : s.Version,
        s => GrainFactory.GetGrain<IUserDirectoryGrain>(s.Account!.CityCode).UpsertAsync(s.Account), logger, () => $"Account {Username}");

    private string Stamp => state.State.SecurityStamp ?? InitialStamp;

    private string Username => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publisher.Activate(state.State, state.State.SyncedVersion);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Publisher.OnReminderAsync(reminderName);

    public async Task<UserAccount> CreateAsync(NewUser user, string actor)
    {
        if (!Ids.IsUsername(Username))
        {
            throw DomainException.Invalid("username", "A username is 2–64 lower-case letters, digits, dots, dashes or underscores.");
        }

        if (string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName.Length > 64)
        {
            throw DomainException.Invalid("displayName", "A display name is required (at most 64 characters).");
        }

        if (AccountRules.JurisdictionProblem(user.Role, user.Jurisdiction, user.CityCode) is { } problem)
        {
            throw DomainException.Invalid("jurisdiction", problem);
        }

        if (string.IsNullOrEmpty(user.PasswordHash))
        {
            throw DomainException.Invalid("password", "A password is required.");
        }

        if (state.State.Account is not null)
        {
            throw DomainException.Conflict($"The username {Username} is taken.");
        }

        var now = time.GetUtcNow();
        var account = new UserAccount(Username, user.DisplayName.Trim(), user.Role, user.Jurisdiction, user.CityCode, user.IsDemo, false, now, actor);
        await Publisher.PersistAsync(state, new UserState
        {
            Account = account,
            PasswordHash = user.PasswordHash,
            SecurityStamp = NewStamp(),
            History = [new AuditEntry(now, actor, $"created {user.Role} {user.Jurisdiction}")],
            Version = state.State.Version + 1,
            SyncedVersion = Publisher.Synced,
        });

        // Failures counted while the name did not exist (someone trying it while the demo or the bootstrap account was
        // still being created) say nothing about this account: they must not lock it now that it exists.
        _throttle.Succeeded();
        logger.LogInformation("Account {User} created as {Role} of {Jurisdiction} by {Actor}", Username, user.Role, user.Jurisdiction, actor);
        await Publisher.PublishAsync();
        return account;
    }

    public Task<UserAccount?> GetAsync() => Task.FromResult(state.State.Account);

    public Task<SignInTicket> BeginSignInAsync()
    {
        if (_throttle.RetryAfter() is { } wait)
        {
            return Task.FromResult(new SignInTicket(null, null, wait));
        }

        var account = state.State.Account;
        return Task.FromResult(account is null || account.Disabled
            ? new SignInTicket(null, null, null)
            : new SignInTicket(account, state.State.PasswordHash, null, Stamp));
    }

    public Task<TimeSpan?> RecordSignInAsync(bool succeeded)
    {
        if (succeeded)
        {
            _throttle.Succeeded();
            return Task.FromResult<TimeSpan?>(null);
        }

        _throttle.Failed();

        // liandong_signin_failures_total (deploy/grafana): tagged with the city and county of the account, when known.
        var account = state.State.Account;
        Telemetry.LiandongMetrics.SignInFailed(account is null ? Telemetry.MetricPlace.Unknown
            : Telemetry.MetricPlace.Of(account.Jurisdiction) is { City: not null } place ? place : Telemetry.MetricPlace.OfCity(account.CityCode));

        // The count lives in memory: keep the activation for as long as the failures count.
        DelayDeactivation(SignInThrottle.Window);
        var wait = _throttle.RetryAfter();
        if (wait is not null)
        {
            logger.LogWarning("Username {User} locked for {Minutes:F0} min after {Failures} failed sign-ins", Username, wait.Value.TotalMinutes, SignInThrottle.MaxFailures);
        }

        return Task.FromResult(wait);
    }

    public async Task SetPasswordHashAsync(string passwordHash, string actor)
    {
        EnsureExists();
        if (string.IsNullOrEmpty(passwordHash))
        {
            throw DomainException.Invalid("password", "A password is required.");
        }

        await CommitAsync(state.State with { PasswordHash = passwordHash }, actor, "password changed");
    }

    public async Task<UserAccount> SetDisabledAsync(bool disabled, string actor)
    {
        var account = EnsureExists();
        if (account.Disabled != disabled)
        {
            await CommitAsync(state.State with { Account = account with { Disabled = disabled }, SecurityStamp = NewStamp(), Version = state.State.Version + 1 },
                actor, disabled ? "disabled" : "enabled", publishes: true);
            await Publisher.PublishAsync();
        }

        return state.State.Account!;
    }

    public async Task ResetPasswordAsync(string passwordHash, string actor)
    {
        EnsureExists();
        if (string.IsNullOrEmpty(passwordHash))
        {
            throw DomainException.Invalid("password", "A password is required.");
        }

        await CommitAsync(state.State with { PasswordHash = passwordHash, SecurityStamp = NewStamp() }, actor, "password reset");
    }

    public Task<AccountStamp> GetStampAsync() =>
        Task.FromResult(new AccountStamp(state.State.Account is { Disabled: false }, Stamp));

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private UserAccount EnsureExists() =>
        state.State.Account ?? throw DomainException.NotFound($"There is no account {Username}.");

    /// <summary>Writes a change with its audit entry; one the directory must hear of (<paramref name="publishes"/>) registers the retry reminder first.</summary>
    private Task CommitAsync(UserState next, string actor, string action, bool publishes = false) =>
        Publisher.PersistAsync(state,
            next with { History = next.History.Add(new AuditEntry(time.GetUtcNow(), actor, action)), SyncedVersion = Publisher.Synced },
            registerRetry: publishes);
}
