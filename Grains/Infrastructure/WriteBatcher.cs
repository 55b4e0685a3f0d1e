namespace Liandong.Grains.Infrastructure;

/// <summary>
/// Keeps one state write in flight at a time and folds every request that arrives meanwhile into the next
/// write, as Orleans' Chirper sample does for its hot grains. A caller's task completes once a write that
/// began after its call has completed, so awaiting it means "my change is durable".
/// </summary>
internal sealed class WriteBatcher(Func<Task> write)
{
    private Task? _current;
    private Task? _next;

    public Task WriteAsync()
    {
        if (_next is { } queued)
        {
            return queued;
        }

        if (_current is null || _current.IsCompleted)
        {
            _current = write();
            return _current;
        }

        _next = AfterAsync(_current);
        return _next;
    }

    private async Task AfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // The previous write's own callers see its failure; this batch gets a write of its own.
        }

        _next = null;
        _current = write();
        await _current;
    }
}
