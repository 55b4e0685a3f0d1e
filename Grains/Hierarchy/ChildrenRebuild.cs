using Liandong.Hierarchy;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// How a division recovers the figures a dead activation held only in memory: it opens itself again and asks every
/// child it lists for its own (<see cref="IRollupChild.GetSnapshotAsync"/>). A child that does not answer leaves the
/// rebuild owed, and the division's reminder runs it again.
/// </summary>
/// <remarks>
/// A division whose children answer from their stored state alone (a town's projects) gives <c>stored</c>: the
/// children's stored rows are then read a few hundred at a time, without activating the children, and only the
/// children it leaves out are asked one by one. That is what makes a whole city exact within a minute after a crash
/// at 100,000 projects (docs/benchmarks.md "Recovery"). Versions make the read safe beside the children's own
/// pushes: whichever arrives last, the division keeps the newer figures.
/// </remarks>
/// <param name="children">The children a rebuild asks (the division's listed children).</param>
/// <param name="child">The child grain of a code.</param>
/// <param name="apply">Takes a child's snapshot into the division's figures.</param>
/// <param name="open">Makes sure the division is open before it takes figures it will not write.</param>
/// <param name="logger">Where the outcome is logged.</param>
/// <param name="who">Names the division in the log.</param>
/// <param name="changed">Called when the figures become partial (a rebuild begins) and when they are exact again (every child answered).</param>
/// <param name="stored">
/// Optional: the stored figures of some children, read without asking them. The answer holds every child it read
/// (null: stored, with no figures to take) and leaves out those that must still be asked.
/// </param>
/// <param name="retryIn">
/// Optional: runs <see cref="Retry"/> after a delay. A rebuild left owed (a child did not answer: its silo was
/// starting, the database refused a connection) is then tried again after 2, 4, 8, 16 and 32 s, not only at the
/// division's next reminder tick a minute later.
/// </param>
internal sealed class ChildrenRebuild(
    Func<IReadOnlyCollection<string>> children,
    Func<string, IRollupChild> child,
    Action<ChildSnapshot> apply,
    Func<Task> open,
    ILogger logger,
    Func<string> who,
    Action changed,
    Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, ChildSnapshot?>>>? stored = null,
    Action<TimeSpan>? retryIn = null)
{
    /// <summary>Children read from storage in one query.</summary>
    internal const int StoredChunk = 256;

    /// <summary>Quick retries of an owed rebuild (after 2, 4, … s) before only the reminder retries it.</summary>
    internal const int QuickRetries = 5;

    private int _failedRuns;

    /// <summary>A rebuild is owed: the division was found open, or a child did not answer the last one.</summary>
    public bool Owed { get; private set; }

    public bool Running { get; private set; }

    /// <summary>Neither owed nor under way.</summary>
    public bool Settled => !Owed && !Running;

    /// <summary>Owes a rebuild and starts it (not awaited: children waiting on the division must be answered meanwhile).</summary>
    public void Start()
    {
        Owed = true;
        _ = RunAsync();
    }

    /// <summary>Runs an owed rebuild again if none is under way (the reminder's tick).</summary>
    public void Retry()
    {
        if (Owed && !Running)
        {
            _ = RunAsync();
        }
    }

    /// <summary>Asks a child for its persisted figures and applies them; false if it did not answer.</summary>
    public async Task<bool> PullAsync(string childCode)
    {
        try
        {
            if (await child(childCode).GetSnapshotAsync() is { } snapshot && snapshot.Code == childCode)
            {
                apply(snapshot);
            }

            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Division} could not get the figures of {Child}", who(), childCode);
            return false;
        }
    }

    private async Task RunAsync()
    {
        Running = true;
        try
        {
            await open();
            changed();
            var listed = children().ToList();
            var ask = stored is null ? listed : await ReadStoredAsync(listed);
            var failed = 0;
            foreach (var chunk in ask.Chunk(16))
            {
                // Different children, each answering from its own state: safe side by side.
                var results = await Task.WhenAll(chunk.Select(PullAsync));
                failed += results.Count(ok => !ok);
            }

            Owed = failed > 0;
            logger.LogInformation("{Division} rebuilt its figures from {Children} children ({Asked} asked, {Failed} did not answer)",
                who(), listed.Count, ask.Count, failed);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Division} could not rebuild its figures; the reminder will retry", who());
        }
        finally
        {
            Running = false;
        }

        if (!Owed)
        {
            _failedRuns = 0;
            changed();
        }
        else if (retryIn is not null && _failedRuns < QuickRetries)
        {
            _failedRuns++;
            retryIn(TimeSpan.FromSeconds(1 << _failedRuns));
        }
    }

    /// <summary>Applies the stored figures of the children <c>stored</c> reads; answers the children left to ask.</summary>
    private async Task<List<string>> ReadStoredAsync(List<string> listed)
    {
        var ask = new List<string>();
        foreach (var chunk in listed.Chunk(StoredChunk))
        {
            IReadOnlyDictionary<string, ChildSnapshot?> read;
            try
            {
                read = await stored!(chunk);
            }
            catch (Exception ex)
            {
                // The storage could not answer: each child is asked, as without it.
                logger.LogWarning(ex, "{Division} could not read its children's stored figures; asking them", who());
                ask.AddRange(chunk);
                continue;
            }

            foreach (var code in chunk)
            {
                if (!read.TryGetValue(code, out var snapshot))
                {
                    ask.Add(code);
                }
                else if (snapshot is not null && snapshot.Code == code)
                {
                    apply(snapshot);
                }
            }
        }

        return ask;
    }
}
