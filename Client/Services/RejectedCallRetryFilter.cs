namespace Liandong.Client.Services;

/// <summary>
/// Sends a grain call again when the cluster rejected it without running it, as a silo that is shutting
/// down gracefully does with messages that reach it after it stopped taking work. A rejection means the
/// grain method did not run, so sending it again cannot apply a change twice. Anything else (a timeout,
/// an exception from the grain) is not retried: that call may have run.
/// </summary>
internal sealed class RejectedCallRetryFilter(ILogger<RejectedCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException exception) when (attempt < Delays.Length)
            {
                logger.LogInformation("Grain call {Method} was rejected ({Reason}); sending it again", context.InterfaceMethod?.Name, exception.Message);
                await Task.Delay(Delays[attempt]);
            }
        }
    }
}
