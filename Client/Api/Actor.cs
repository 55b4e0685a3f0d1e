namespace Liandong.Client.Api;

/// <summary>Who is acting, for the audit trail.</summary>
internal static class Actor
{
    /// <summary>Until sign-in exists the caller names itself in this header, and the name is recorded as unverified.</summary>
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
