using Liandong.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Liandong.Client.Auth;

/// <summary>
/// Two ways in, one set of accounts: the API takes JWT bearer tokens from <c>POST /api/v1/auth/token</c>;
/// the portal signs in with a cookie. Both carry the same claims (<see cref="CurrentUser"/>).
/// </summary>
public static class AuthSetup
{
    /// <summary>The policy every /api/v1 route except the token route requires: a valid bearer token.</summary>
    public const string ApiPolicy = "api";

    /// <summary>The policy of the operators' tools (the Orleans Dashboard): an ops account, signed in to the portal or with a token.</summary>
    public const string OpsPolicy = "ops";

    public const string CookieName = "liandong.auth";

    public static IHostApplicationBuilder AddLiandongAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => new SigningKey(SigningKeys.Resolve(options, contentRoot, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKeys)))));

        // Cookies are protected by Data Protection: keep its keys beside the signing key, so a restart does
        // not sign everyone out of the portal.
        builder.Services.AddDataProtection()
            .SetApplicationName("liandong")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.KeyFile, contentRoot))!, "data-protection")));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddSingleton<SignInService>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<Jurisdiction>();
        builder.Services.AddSingleton<SecurityStampCheck>();
        builder.Services.AddSingleton<ClientSignInLimiter>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/login";
                o.ExpireTimeSpan = options.TokenLifetime;
                o.SlidingExpiration = false;

                // A cookie of a disabled account (or one issued before its stamp changed) signs out at its next request.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var check = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
                    if (await check.ProblemAsync(context.Principal) is not null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = CurrentUser.NameClaim,
                    RoleClaimType = CurrentUser.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                // A valid signature is not enough: the claims must be a Liandong user (a known role …) whose
                // account is active and whose security stamp is still the one the token was issued with.
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var check = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
                        if (await check.ProblemAsync(context.Principal) is { } problem)
                        {
                            context.Fail(problem);
                        }
                    },
                };
            });

        // The key is resolved from DI (it may be generated on first start), so bind it after the container exists.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey>((o, key) => o.TokenValidationParameters.IssuerSigningKey = key.Security);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(CurrentUser.JurisdictionClaim))
            .AddPolicy(OpsPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(CurrentUser.RoleClaim, CurrentUser.RoleName(UserRole.Ops)));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StampRevalidatingStateProvider>();
        return builder;
    }
}
