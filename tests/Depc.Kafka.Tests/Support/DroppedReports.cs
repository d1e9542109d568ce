using System.Diagnostics.Metrics;
using Depc.Kafka.Telemetry;

namespace Depc.Kafka.Tests.Support;

/// <summary>Sums <c>depc.rejections.dropped</c> as an exporter would see it, by team and queue tags.</summary>
internal sealed class DroppedReports : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Team, string Queue), long> _counts = [];
    private readonly Lock _lock = new();

    public DroppedReports()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DepcMetrics.MeterName && instrument.Name == "depc.rejections.dropped")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? team = null, queue = null;
            foreach (var tag in tags)
            {
                (team, queue) = tag.Key switch
                {
                    "team" => (tag.Value as string, queue),
                    "queue" => (team, tag.Value as string),
                    _ => (team, queue),
                };
            }

            lock (_lock)
            {
                _counts[(team ?? "", queue ?? "")] = _counts.GetValueOrDefault((team ?? "", queue ?? "")) + value;
            }
        });
        _listener.Start();
    }

    public long Of(string team, string queue)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault((team, queue));
        }
    }

    public void Dispose() => _listener.Dispose();
}
