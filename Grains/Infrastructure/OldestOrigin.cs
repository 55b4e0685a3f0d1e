namespace Liandong.Grains.Infrastructure;

/// <summary>
/// When the oldest acknowledged project write among the figures not yet confirmed upward was acknowledged: sent
/// with the next push so the parent can measure how long figures take to arrive (LiandongMetrics). Kept in memory
/// only (a push retried after a crash carries no origin), so measuring costs no write.
/// </summary>
internal sealed class OldestOrigin
{
    private DateTimeOffset? _oldest;

    /// <summary>Figures acknowledged at <paramref name="origin"/> are now held here unconfirmed.</summary>
    public void Note(DateTimeOffset origin)
    {
        if (_oldest is null || origin < _oldest)
        {
            _oldest = origin;
        }
    }

    /// <summary>Sends with the origin held; if the send fails, the origin is held again for the next one.</summary>
    public async Task SendAsync(Func<DateTimeOffset?, Task> send)
    {
        var origin = _oldest;
        _oldest = null;
        try
        {
            await send(origin);
        }
        catch
        {
            if (origin is { } held)
            {
                Note(held);
            }

            throw;
        }
    }
}
