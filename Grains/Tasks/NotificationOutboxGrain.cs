using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Liandong.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Tasks;

/// <summary>What a city's notification outbox persists.</summary>
[GenerateSerializer, Alias("Liandong.NotificationOutboxState")]
public sealed record NotificationOutboxState
{
    /// <summary>The WeCom group robot of each target: a county code or a department id → its webhook address.</summary>
    [Id(0)] public ImmutableDictionary<string, string> Webhooks { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(1)] public ImmutableArray<OutboxMessage> Pending { get; init; } = [];

    /// <summary>The keys of the reminders delivered: a key is never queued again.</summary>
    [Id(2)] public ImmutableHashSet<string> Sent { get; init; } = ImmutableHashSet<string>.Empty;
}

/// <summary>
/// The notification outbox of one city. A reminder is written here before anything is sent, so a restart loses
/// nothing: the durable reminder wakes the grain while messages wait, and each is tried again after a doubling wait
/// until its robot accepts it (HTTP 2xx and WeCom's <c>errcode</c> 0). Its key is then recorded as sent, so it is
/// never queued again. A robot that accepted a message while the silo died before recording it would get it once
/// more: the one case of a repeat, and the narrowest the robot's API allows (it has no idempotency key).
/// </summary>
public sealed class NotificationOutboxGrain(
    [PersistentState("notificationOutbox", StorageNames.Main)] IPersistentState<NotificationOutboxState> state,
    TimeProvider time,
    IServiceProvider services,
    ILogger<NotificationOutboxGrain> logger) : Grain, INotificationOutboxGrain, IRemindable
{
    private const string RetryReminder = "outbox-retry";

    /// <summary>One client for every outbox of the silo (connections pooled, DNS refreshed).</summary>
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <summary>Chinese text as UTF-8, not \u escapes (both are valid JSON; the robot's logs read better).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private NotificationOptions Options => services.GetService<IOptions<NotificationOptions>>()?.Value ?? new NotificationOptions();

    public async Task SetWebhooksAsync(ImmutableDictionary<string, string> webhooks)
    {
        var next = state.State.Webhooks;
        foreach (var (target, url) in webhooks)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                next = next.Remove(target);
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw DomainException.Invalid("webhooks", $"The webhook of {target} is not an http(s) address.");
            }

            next = next.SetItem(target, url);
        }

        await WriteAsync(state.State with { Webhooks = next });
        await DeliverDueAsync();
    }

    public async Task<bool> EnqueueAsync(string key, string target, string markdown)
    {
        if (state.State.Sent.Contains(key) || state.State.Pending.Any(m => m.Key == key))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await WriteAsync(state.State with { Pending = state.State.Pending.Add(new OutboxMessage(key, target, markdown, now, 0, now, null)) });
        await this.RegisterOrUpdateReminder(RetryReminder, Options.RetryPeriod, Options.RetryPeriod);
        await DeliverDueAsync();
        return true;
    }

    public async Task<int> DeliverDueAsync()
    {
        var now = time.GetUtcNow();
        var delivered = 0;
        foreach (var message in state.State.Pending.Where(m => m.NextAttemptAt <= now).ToList())
        {
            if (!state.State.Webhooks.TryGetValue(message.Target, out var url))
            {
                // No robot configured for the target yet: it waits (the city may add one) without counting as a failure.
                continue;
            }

            var error = await SendAsync(url, message.Markdown);
            var current = state.State;
            if (error is null)
            {
                await WriteAsync(current with
                {
                    Pending = current.Pending.RemoveAll(m => m.Key == message.Key),
                    Sent = current.Sent.Add(message.Key),
                });
                delivered++;
                logger.LogInformation("Reminder {Key} delivered to {Target} after {Attempts} failed attempts", message.Key, message.Target, message.Attempts);
                continue;
            }

            var attempts = message.Attempts + 1;
            var wait = TimeSpan.FromTicks(Math.Min(Options.RetryMax.Ticks, Options.RetryBase.Ticks * (1L << Math.Min(attempts - 1, 20))));
            var retried = message with { Attempts = attempts, NextAttemptAt = time.GetUtcNow() + wait, LastError = error };
            await WriteAsync(current with { Pending = current.Pending.Replace(current.Pending.First(m => m.Key == message.Key), retried) });
            logger.LogWarning("Reminder {Key} to {Target} failed ({Error}); attempt {Attempt} in {Wait}", message.Key, message.Target, error, attempts + 1, wait);
        }

        if (state.State.Pending.IsEmpty && await this.GetReminder(RetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return delivered;
    }

    public Task<OutboxView> GetAsync() =>
        Task.FromResult(new OutboxView(state.State.Webhooks, state.State.Pending, [.. state.State.Sent.Order(StringComparer.Ordinal)]));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetryReminder)
        {
            await DeliverDueAsync();
        }
    }

    /// <summary>Posts the robot's markdown message; null when the robot accepted it, else why not.</summary>
    private async Task<string?> SendAsync(string url, string markdown)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Options.SendTimeout);
            using var response = await Http.PostAsJsonAsync(url, new { msgtype = "markdown", markdown = new { content = markdown } }, Json, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var errcode) && errcode != 0
                ? $"errcode {errcode}: {(json.RootElement.TryGetProperty("errmsg", out var msg) ? msg.GetString() : "")}"
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private async Task WriteAsync(NotificationOutboxState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
