using Depc.Server.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Depc.Server.Ingestion;

/// <summary>
/// Kestrel's timeouts for slow clients, from our settings rather than left implicit: a client that stalls or trickles
/// its body, its headers, or its reading of an answer loses its connection in a bounded time, so it cannot hold a
/// connection, an ingest slot and a buffer for ever.
/// </summary>
internal sealed class KestrelLimits(IOptions<ServerOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(settings.MinRequestBodyBytesPerSecond, settings.MinRequestBodyGracePeriod);
        kestrel.Limits.MinResponseDataRate = new MinDataRate(settings.MinResponseBytesPerSecond, TimeSpan.FromSeconds(5));
        kestrel.Limits.RequestHeadersTimeout = settings.RequestHeadersTimeout;
    }
}
