namespace Liandong.Grains.Accounts;

/// <summary>
/// Locks a username after repeated failed sign-ins: <see cref="MaxFailures"/> failures within
/// <see cref="Window"/> lock it until the oldest of them is older than the window. Kept in the user grain's
/// memory: there is one activation per username in the whole cluster, so every front end sees the same count.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly Queue<DateTimeOffset> _failures = new();

    /// <summary>How long the name stays locked, or null when a sign-in may be tried now.</summary>
    public TimeSpan? RetryAfter()
    {
        var now = time.GetUtcNow();
        while (_failures.Count > 0 && now - _failures.Peek() >= Window)
        {
            _failures.Dequeue();
        }

        return _failures.Count >= MaxFailures ? _failures.Peek() + Window - now : null;
    }

    public void Failed() => _failures.Enqueue(time.GetUtcNow());

    public void Succeeded() => _failures.Clear();

    public bool HasFailures => _failures.Count > 0;
}
