namespace Depc.Server.Rejections;

/// <summary>Drains the queued Kafka rejections into the <see cref="IRejectionLog"/>, a chunk per transaction.</summary>
internal sealed class RejectionFeedWriter(RejectionFeed feed, IRejectionLog log, ILogger<RejectionFeedWriter> logger) : BackgroundService
{
    private const int MaxChunk = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var chunk = new List<RejectionEntry>(MaxChunk);
        try
        {
            while (await feed.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (chunk.Count < MaxChunk && feed.TryTake(out var entry))
                {
                    chunk.Add(entry);
                }

                await WriteAsync(chunk, stoppingToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Whatever is still queued is written below, without the stopping token, so a clean stop loses nothing already reported.
        }

        while (feed.TryTake(out var entry))
        {
            chunk.Add(entry);
        }

        await WriteAsync(chunk, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WriteAsync(List<RejectionEntry> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        try
        {
            await log.AppendAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The feed is a convenience for producers: losing some entries must not stop the service.
            Log.RejectionFeedFailed(logger, chunk[0].Team, chunk.Count, e);
        }
    }
}
