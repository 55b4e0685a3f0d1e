namespace Liandong.Operations;

/// <summary>
/// The cheapest possible grain call, for the front tier's readiness probe: it touches no storage and
/// answers on the gateway silo that receives it.
/// </summary>
[Alias("Liandong.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Answers with the silo that served the call.</summary>
    [Alias("Ping")]
    Task<string> PingAsync();
}
