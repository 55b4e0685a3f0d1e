using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Liandong.Client.Auth;

/// <summary>
/// Limits failed sign-ins per client (remote IP address) across usernames, against password spraying (many
/// names, one or two tries each, which the per-username lock in the user grain never sees). After
/// <see cref="AuthOptions.ClientSignInFailures"/> failures within <see cref="AuthOptions.ClientSignInWindow"/>
/// every sign-in from that address is refused with a wait, even with the right password, until the oldest
/// failure leaves the window. Successful sign-ins are not counted, so many officials behind one office NAT
/// are not slowed. Counted per front-end process (a restart forgets).
/// </summary>
public sealed class ClientSignInLimiter(TimeProvider time, IOptions<AuthOptions> options)
{
    private const int MaxClients = 100_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_failures.TryGetValue(client, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            var now = time.GetUtcNow();
            Expire(queue, now);
            return queue.Count >= options.Value.ClientSignInFailures ? queue.Peek() + options.Value.ClientSignInWindow - now : null;
        }
    }

    /// <summary>Counts a failed sign-in of the client.</summary>
    public void Failed(string client)
    {
        if (_failures.Count >= MaxClients)
        {
            Sweep();
        }

        var queue = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            var now = time.GetUtcNow();
            Expire(queue, now);
            queue.Enqueue(now);
        }
    }

    private void Expire(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && now - queue.Peek() >= options.Value.ClientSignInWindow)
        {
            queue.Dequeue();
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (client, queue) in _failures)
        {
            lock (queue)
            {
                Expire(queue, now);
                if (queue.Count == 0)
                {
                    _failures.TryRemove(client, out _);
                }
            }
        }
    }
}
