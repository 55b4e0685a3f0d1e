using System.Diagnostics.Metrics;

namespace Liandong.Bench;

/// <summary>Adds up the silo's grain-state writer histograms (Liandong.Storage meter: wait, hold, writes per commit) while the benchmark runs.</summary>
public sealed class StorageCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, (double Sum, long Count)> _totals = [];

    public StorageCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Liandong.Storage")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_gate)
            {
                var (sum, count) = _totals.GetValueOrDefault(instrument.Name);
                _totals[instrument.Name] = (sum + value, count + 1);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (_gate)
            {
                var (sum, count) = _totals.GetValueOrDefault(instrument.Name);
                _totals[instrument.Name] = (sum + value, count + 1);
            }
        });
        _listener.Start();
    }

    /// <summary>Total milliseconds and number of measurements of one instrument so far.</summary>
    public (double Sum, long Count) Read(string instrument)
    {
        lock (_gate)
        {
            return _totals.GetValueOrDefault(instrument);
        }
    }

    public void Dispose() => _listener.Dispose();
}
