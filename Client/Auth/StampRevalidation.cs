using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Liandong.Client.Auth;

/// <summary>
/// An interactive portal page lives in a circuit that outlasts the request its cookie was checked on: every
/// <see cref="AuthOptions.CircuitRevalidationSeconds"/> (30 s by default) the circuit asks <see cref="SecurityStampCheck"/>
/// again, and a disabled account's open page falls back to the sign-in page.
/// </summary>
internal sealed class StampRevalidatingStateProvider(ILoggerFactory loggers, SecurityStampCheck check, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.CircuitRevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated != true || await check.ProblemAsync(authenticationState.User) is null;
}
