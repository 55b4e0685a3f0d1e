namespace Liandong.Grains.Infrastructure;

/// <summary>How soon a town asks a project for figures it announced but did not send (ITownGrain.PrepareAsync).</summary>
internal static class RollupRecovery
{
    /// <summary>An announced version still missing after this long is fetched from the project.</summary>
    public static TimeSpan PendingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a town with outstanding announcements looks at them.</summary>
    public static TimeSpan PendingCheck { get; set; } = TimeSpan.FromSeconds(5);
}
