namespace Liandong.Client.Api;

/// <summary>Who is acting, for the audit trail.</summary>
internal static class Actor
{
    /// <summary>
    /// A name the caller gives itself. Every /api/v1 route now needs a bearer token, so the signed-in username
    /// wins; the header only names a caller on a route outside authorization, and is then marked unverified.
    /// </summary>
    public const string Header = "X-Liandong-Actor";

    public static string Of(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { } name)
        {
            return name;
        }

        var claimed = context.Request.Headers[Header].ToString().Trim();
        return string.IsNullOrEmpty(claimed) ? "anonymous (unverified)" : $"{claimed[..Math.Min(claimed.Length, 64)]} (unverified)";
    }
}
