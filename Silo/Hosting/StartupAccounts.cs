using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liandong.Silo.Hosting;

/// <summary>
/// Whether the accounts a fresh deployment signs in with exist yet: the demo scenario's (it creates its accounts last,
/// after the silo has started) and the bootstrap command office's. Each start-up job reports here when it is done
/// (or has nothing to do); until both have, the silo is not ready, so nobody is told to sign in too early.
/// </summary>
public sealed class StartupAccounts
{
    private volatile string? _demo = "the demo scenario is still loading";
    private volatile string? _bootstrap = "the bootstrap account is still being created";

    /// <summary>What still keeps sign-in from working, or null once the start-up accounts can sign in.</summary>
    public string? Pending => _demo ?? _bootstrap;

    /// <summary>The demo loader finished (or was not asked to load); <paramref name="failure"/> when it failed.</summary>
    public void DemoDone(string? failure = null) => _demo = failure;

    /// <summary>The bootstrap account exists (or none is configured); <paramref name="failure"/> when it could not be created.</summary>
    public void BootstrapDone(string? failure = null) => _bootstrap = failure;
}

/// <summary>Ready only once the demo or bootstrap accounts can sign in (<see cref="StartupAccounts"/>).</summary>
public sealed class StartupAccountsHealthCheck(StartupAccounts accounts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(accounts.Pending is { } pending
            ? HealthCheckResult.Unhealthy($"Accounts cannot sign in yet: {pending}.")
            : HealthCheckResult.Healthy("The start-up accounts can sign in."));
}
