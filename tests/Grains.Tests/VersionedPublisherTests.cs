using Liandong.Grains.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liandong.Grains.Tests;

/// <summary>The publisher's coalescing loop on its own: no cluster, a hand-driven holder.</summary>
public sealed class VersionedPublisherTests
{
    private sealed record Summary(long Version);

    /// <summary>A holder whose every receipt the test completes by hand.</summary>
    private sealed class Holder
    {
        public List<long> Received { get; } = [];

        public TaskCompletionSource Pending { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ReceiveAsync(Summary summary)
        {
            Received.Add(summary.Version);
            return Pending.Task;
        }

        public void Confirm()
        {
            var done = Pending;
            Pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
        }
    }

    private static VersionedPublisher<Summary> Publisher(Func<Summary> latest, Func<Summary, Task> send) =>
        new(new WakeUpReminder(null!, "test-retry"), latest, s => s.Version, send, NullLogger.Instance, () => "test");

    [Fact]
    public async Task ChangesWhileAPushIsInFlightAreSentOnceAsTheLatestVersion()
    {
        var current = new Summary(1);
        var holder = new Holder();
        var publisher = Publisher(() => current, holder.ReceiveAsync);

        var first = publisher.PublishAsync();
        Assert.True(publisher.InFlight);
        foreach (var version in new long[] { 2, 3, 4 })
        {
            current = new Summary(version);
            await publisher.PublishAsync();
        }

        holder.Confirm();
        await WaitUntilAsync(() => holder.Received.Count == 2);
        holder.Confirm();
        await first;

        Assert.Equal([1L, 4L], holder.Received);
        Assert.Equal(4, publisher.Synced);
        Assert.False(publisher.Behind);
        Assert.False(publisher.InFlight);
    }

    [Fact]
    public async Task NothingNewerThanWhatTheHoldersConfirmedIsSent()
    {
        var holder = new Holder();
        var publisher = Publisher(() => new Summary(7), holder.ReceiveAsync);
        publisher.Restore(null, 7);

        await publisher.PublishAsync();

        Assert.Empty(holder.Received);
        Assert.False(publisher.Behind);
    }

    [Fact]
    public async Task AFailedPushLeavesThePublisherBehindAndFreeForTheNextOne()
    {
        var fail = true;
        var sent = new List<long>();
        var publisher = Publisher(() => new Summary(3), s =>
        {
            sent.Add(s.Version);
            return fail ? Task.FromException(new InvalidOperationException("holder unreachable")) : Task.CompletedTask;
        });

        // The failure is the retry reminder's to handle: PublishAsync does not throw.
        await publisher.PublishAsync();
        Assert.True(publisher.Behind);
        Assert.False(publisher.InFlight);
        Assert.Equal(0, publisher.Synced);

        fail = false;
        await publisher.PublishAsync();
        Assert.Equal([3L, 3L], sent);
        Assert.Equal(3, publisher.Synced);
        Assert.False(publisher.Behind);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
