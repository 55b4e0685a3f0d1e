using System.Security.Cryptography;

namespace Liandong.Client.Auth;

/// <summary>
/// The headers every answer of the front tier carries (docs/operations.md "Security headers"): no MIME sniffing,
/// no framing by another site, no referrer sent off the site, and a Content-Security-Policy: for the portal's
/// pages scripts only from the site itself (and the one inline import map, by a per-request nonce), styles from the
/// site and inline (MudBlazor sets style attributes and writes its theme as a style element), the circuit's
/// WebSocket to the site only; for the API and everything that is not a page, nothing at all.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Where the portal's nonce for the request is kept (App.razor puts it on the import map).</summary>
    public const string NonceKey = "liandong.csp-nonce";

    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The Orleans Dashboard's own scripts are not ours to vet; it may not be framed.</summary>
    public const string DashboardPolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static string PortalPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>The nonce of this request's portal page (created on first use).</summary>
    public static string NonceOf(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: valid in a CSP nonce and never changed by HTML encoding.
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>Adds the headers to every response, just before it starts (so error pages carry them too).</summary>
    public static IApplicationBuilder UseLiandongSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            var path = http.Request.Path;
            headers.ContentSecurityPolicy =
                path.StartsWithSegments("/dashboard") ? DashboardPolicy
                : path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") ? ApiPolicy
                : PortalPolicy(NonceOf(http));
            return Task.CompletedTask;
        });
        await next(http);
    });
}
