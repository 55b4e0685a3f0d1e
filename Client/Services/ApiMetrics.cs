using System.Diagnostics.Metrics;

namespace Liandong.Client.Services;

/// <summary>
/// The front tier's view of monthly reports, on the "Liandong" meter of its own /metrics: every report
/// request counted by outcome — accepted (200), rejected (4xx, including the bodies the API refuses before
/// any grain call), unavailable (503, shed) or failed (anything else). The silo's
/// liandong.reports.accepted / rejected break the grain-side decisions down by city and county.
/// </summary>
public static class ApiMetrics
{
    /// <summary>The route whose requests are counted (ProjectsApi, "PutReport").</summary>
    public const string ReportEndpoint = "PutReport";

    private static readonly Meter Meter = new(ServiceDefaults.TelemetryNames.LiandongMeter, "1.0");

    private static readonly Counter<long> Reports = Meter.CreateCounter<long>(
        "liandong.api.reports", "{request}", "Monthly report requests to the API by outcome: accepted, rejected, unavailable, failed.");

    /// <summary>Counts report requests; place it after UseExceptionHandler, so that it sees the exceptions first.</summary>
    public static IApplicationBuilder UseLiandongApiMetrics(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != ReportEndpoint)
        {
            await next(context);
            return;
        }

        string outcome;
        try
        {
            await next(context);
            outcome = context.Response.StatusCode switch
            {
                < 300 => "accepted",
                StatusCodes.Status503ServiceUnavailable => "unavailable",
                >= 400 and < 500 => "rejected",
                _ => "failed",
            };
        }
        catch (Exception e)
        {
            var connected = context.RequestServices.GetService<ClusterConnection>()?.IsConnected ?? true;
            outcome = !connected || ClusterUnavailableHandler.IsClusterUnavailable(e) ? "unavailable"
                : e is DomainException or BadHttpRequestException ? "rejected"
                : "failed";
            Reports.Add(1, new KeyValuePair<string, object?>("liandong.outcome", outcome));
            throw;
        }

        Reports.Add(1, new KeyValuePair<string, object?>("liandong.outcome", outcome));
    });
}
