using System.Diagnostics.Metrics;
using Depc.Kafka.Telemetry;

namespace Depc.Kafka.Tests.Support;

/// <summary>Sums <c>depc.rejections.dropped</c> as an exporter would see it, by queue tag.</summary>
internal sealed class DroppedReports : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byQueue = [];
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
            foreach (var tag in tags)
            {
                if (tag.Key == "queue" && tag.Value is string queue)
                {
                    lock (_lock)
                    {
                        _byQueue[queue] = _byQueue.GetValueOrDefault(queue) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Of(string queue)
    {
        lock (_lock)
        {
            return _byQueue.GetValueOrDefault(queue);
        }
    }

    public void Dispose() => _listener.Dispose();
}
