namespace Liandong.ServiceDefaults;

/// <summary>The meters and activity sources Liandong listens to.</summary>
public static class TelemetryNames
{
    /// <summary>Orleans' own meter (Orleans.Core: orleans-app-requests-latency, orleans-catalog-activations …).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Liandong's business meter (Grains/Telemetry/LiandongMetrics.cs and the front tier's API metrics).</summary>
    public const string LiandongMeter = "Liandong";

    /// <summary>The silo's grain-state writer (Silo/Storage/GroupCommitGrainStorage.cs): wait, hold and writes per commit.</summary>
    public const string StorageMeter = "Liandong.Storage";

    /// <summary>
    /// Orleans 10's activity sources (Orleans.Diagnostics.ActivitySources): grain calls made by application
    /// code, runtime calls, activation and deactivation, and grain-storage reads and writes.
    /// </summary>
    public static readonly string[] OrleansActivitySources =
    [
        "Microsoft.Orleans.Application",
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Lifecycle",
        "Microsoft.Orleans.Storage",
    ];
}
