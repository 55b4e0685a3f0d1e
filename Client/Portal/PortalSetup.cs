using System.Globalization;
using Liandong.Client.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using MudBlazor.Services;

namespace Liandong.Client.Portal;

/// <summary>The web portal: Blazor with interactive server rendering, MudBlazor, zh-CN by default and en by a switch.</summary>
public static class PortalSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddLiandongPortal(this WebApplicationBuilder builder)
    {
        // Serve MudBlazor's and Blazor's own files straight from the build output too (run.sh runs the build,
        // not a publish, in Production); a published app has them in wwwroot and this does nothing.
        StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        // A page's prerendered data travels back to the server when the circuit starts (PersistentState);
        // a county page with its towns, projects and financing is larger than SignalR's 32 KB default.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
        builder.Services.AddMudServices();
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;

            // The cookie the language switch sets decides; the browser's language does not, so a Chinese
            // official on an English browser still gets Chinese.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication MapLiandongPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // The language switch: sets the culture cookie and goes back to the page (a full load, so that the
        // new circuit starts in the new culture).
        app.MapGet("/culture", (string? c, string? redirectUri, HttpContext http) =>
            {
                var culture = Cultures.FirstOrDefault(x => x.Name == c) ?? Cultures[0];
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
                return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
            })
            .ExcludeFromDescription();

        app.MapPost("/logout", async ([FromForm] string? returnUrl, HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/login");
            })
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
