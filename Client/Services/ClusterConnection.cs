namespace Liandong.Client.Services;

/// <summary>
/// Whether the Orleans client has reached the cluster yet. The front tier opens its HTTP port while the
/// client is still connecting (probes answer, the API sheds with 503), so calls made before then are
/// told apart from real failures.
/// </summary>
public sealed class ClusterConnection : ILifecycleParticipant<IClusterClientLifecycle>
{
    private volatile bool _connected;

    public bool IsConnected => _connected;

    public void Participate(IClusterClientLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(ClusterConnection),
        ServiceLifecycleStage.Last,
        _ =>
        {
            _connected = true;
            return Task.CompletedTask;
        },
        _ =>
        {
            _connected = false;
            return Task.CompletedTask;
        });
}
