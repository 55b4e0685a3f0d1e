using System.Collections.Immutable;

namespace Liandong.Tasks;

/// <summary>A reminder waiting to reach a WeCom (企业微信) group robot, or one that has.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.OutboxMessage")]
public sealed record OutboxMessage(
    [property: Id(0)] string Key,
    [property: Id(1)] string Target,
    [property: Id(2)] string Markdown,
    [property: Id(3)] DateTimeOffset QueuedAt,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset NextAttemptAt,
    [property: Id(6)] string? LastError);

/// <summary>What the outbox of a city holds: its robots, what waits, what was sent.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.OutboxView")]
public sealed record OutboxView(
    [property: Id(0)] ImmutableDictionary<string, string> Webhooks,
    [property: Id(1)] ImmutableArray<OutboxMessage> Pending,
    [property: Id(2)] ImmutableArray<string> Sent);

/// <summary>
/// The notification outbox of one city (keyed by its code): reminders are persisted here before anyone is told, sent
/// to the WeCom group robot of their county or department, retried with back-off until the robot accepts them, and
/// remembered by key so that one reminder is never sent twice.
/// </summary>
[Alias("Liandong.INotificationOutboxGrain")]
public interface INotificationOutboxGrain : IGrainWithStringKey
{
    /// <summary>Sets the webhook address of each target (a county code or a department id); an empty address removes one.</summary>
    [Alias("SetWebhooks")]
    Task SetWebhooksAsync(ImmutableDictionary<string, string> webhooks);

    /// <summary>Persists a reminder unless one with the same key is waiting or was sent; true when it was queued.</summary>
    [Alias("Enqueue")]
    Task<bool> EnqueueAsync(string key, string target, string markdown);

    /// <summary>Sends what is due (the outbox's reminder calls this); returns how many were delivered.</summary>
    [Alias("DeliverDue")]
    Task<int> DeliverDueAsync();

    [Alias("Get")]
    Task<OutboxView> GetAsync();
}
