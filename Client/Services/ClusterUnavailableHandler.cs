using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Liandong.Client.Services;

/// <summary>
/// Sheds load while the cluster cannot answer: no gateway, a silo that died mid-call, or a call that
/// timed out become 503 problem+json with Retry-After at once, instead of requests piling up. Nothing
/// else is needed to recover: the Orleans client reconnects when a gateway is back.
/// </summary>
internal sealed class ClusterUnavailableHandler(
    IProblemDetailsService problems,
    ClusterAvailabilityOptions options,
    ClusterConnection connection,
    ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    private static readonly Meter Meter = new(ServiceDefaults.TelemetryNames.LiandongMeter, "1.0");

    private static readonly Counter<long> Shed = Meter.CreateCounter<long>(
        "liandong.api.unavailable", "{request}", "API requests answered 503 because the cluster could not answer (reason: the exception).");

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Before the client first reached a gateway, any grain call fails (it does not even know the grain
        // types yet): that too is "not available yet", not a bug.
        var connecting = !connection.IsConnected;
        if (!connecting && !IsClusterUnavailable(exception))
        {
            return false;
        }

        var reason = connecting ? "Connecting" : exception.GetType().Name;
        Shed.Add(1, new KeyValuePair<string, object?>("liandong.reason", reason));
        logger.LogWarning("Cluster unavailable for {Method} {Path}: {Reason} {Message}", context.Request.Method, context.Request.Path, reason, exception.Message);

        var retryAfter = Math.Max(1, (int)Math.Ceiling(options.RetryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is temporarily unavailable",
                Detail = connecting
                    ? $"The front end is still connecting to the cluster; try again in {retryAfter} s."
                    : $"The cluster could not answer ({reason}). Nothing was lost that was acknowledged; try again in {retryAfter} s.",
            },
        });
    }

    /// <summary>The failures that mean "the cluster is not reachable now", not "the request is wrong".</summary>
    public static bool IsClusterUnavailable(Exception exception) => exception switch
    {
        SiloUnavailableException or GatewayTooBusyException or OrleansMessageRejectionException or ConnectionFailedException => true,
        TimeoutException => true,
        OrleansException e when e.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase) => true,
        AggregateException { InnerExceptions.Count: 1 } e => IsClusterUnavailable(e.InnerExceptions[0]),
        _ => false,
    };
}
