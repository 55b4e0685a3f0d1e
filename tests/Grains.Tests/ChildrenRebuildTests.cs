using Liandong.Grains.Hierarchy;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liandong.Grains.Tests;

/// <summary>The rebuild after a crash on its own, without a cluster: children that answer or not, stored rows, and when it tries again.</summary>
public sealed class ChildrenRebuildTests
{
    /// <summary>A child that fails its first <paramref name="failures"/> answers (its silo starting, the database refusing a connection).</summary>
    private sealed class Child(string code, int failures) : IRollupChild
    {
        public int Asked { get; private set; }

        public Task<ChildSnapshot?> GetSnapshotAsync()
        {
            Asked++;
            return Asked <= failures
                ? Task.FromException<ChildSnapshot?>(new TimeoutException($"{code} did not answer"))
                : Task.FromResult<ChildSnapshot?>(new ChildSnapshot(code, code, 1, Figures.Empty));
        }
    }

    private static ChildrenRebuild Rebuild(
        Dictionary<string, Child> children, List<string> applied, Action<TimeSpan>? retryIn,
        Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, ChildSnapshot?>>>? stored = null) =>
        new(() => [.. children.Keys], code => children[code], s => applied.Add(s.Code), () => Task.CompletedTask,
            NullLogger.Instance, () => "town 440883101", () => { }, stored, retryIn);

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task AChildThatDidNotAnswerIsAskedAgainSoonWithGrowingDelays()
    {
        var children = new Dictionary<string, Child> { ["A"] = new("A", 0), ["B"] = new("B", 2) };
        var applied = new List<string>();
        var retries = new List<TimeSpan>();
        var rebuild = Rebuild(children, applied, retries.Add);

        rebuild.Start();
        await UntilAsync(() => rebuild.Running == false);
        Assert.True(rebuild.Owed);
        Assert.Equal([TimeSpan.FromSeconds(2)], retries);

        rebuild.Retry();
        await UntilAsync(() => rebuild.Running == false);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], retries);

        // The third time B answers: the rebuild is settled and no retry is asked for.
        rebuild.Retry();
        await UntilAsync(() => rebuild.Settled);
        Assert.Equal(2, retries.Count);
        Assert.Contains("B", applied);
        Assert.Equal(3, children["B"].Asked);
    }

    [Fact]
    public async Task AfterFiveQuickRetriesOnlyTheReminderTriesAgain()
    {
        var children = new Dictionary<string, Child> { ["A"] = new("A", int.MaxValue) };
        var retries = new List<TimeSpan>();
        var rebuild = Rebuild(children, [], retries.Add);

        rebuild.Start();
        for (var i = 0; i < 7; i++)
        {
            await UntilAsync(() => rebuild.Running == false);
            rebuild.Retry();
        }

        await UntilAsync(() => rebuild.Running == false);
        Assert.Equal(new[] { 2, 4, 8, 16, 32 }.Select(s => TimeSpan.FromSeconds(s)), retries);
        Assert.True(rebuild.Owed);
    }

    [Fact]
    public async Task StoredRowsAreTakenAndOnlyTheChildrenLeftOutAreAsked()
    {
        var children = new Dictionary<string, Child> { ["A"] = new("A", 0), ["B"] = new("B", 0), ["C"] = new("C", 0) };
        var applied = new List<string>();
        var rebuild = Rebuild(children, applied, null, codes => Task.FromResult<IReadOnlyDictionary<string, ChildSnapshot?>>(
            new Dictionary<string, ChildSnapshot?> { ["A"] = new ChildSnapshot("A", "A", 7, Figures.Empty), ["B"] = null }));

        rebuild.Start();
        await UntilAsync(() => rebuild.Settled);

        Assert.Equal(["A", "C"], applied.Order());
        Assert.Equal((0, 0, 1), (children["A"].Asked, children["B"].Asked, children["C"].Asked));
    }

    [Fact]
    public async Task WhenTheStoredRowsCannotBeReadEveryChildIsAsked()
    {
        var children = new Dictionary<string, Child> { ["A"] = new("A", 0), ["B"] = new("B", 0) };
        var applied = new List<string>();
        var rebuild = Rebuild(children, applied, null,
            _ => Task.FromException<IReadOnlyDictionary<string, ChildSnapshot?>>(new InvalidOperationException("too many clients")));

        rebuild.Start();
        await UntilAsync(() => rebuild.Settled);

        Assert.Equal(["A", "B"], applied.Order());
    }
}
