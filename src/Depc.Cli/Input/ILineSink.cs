namespace Depc.Cli.Input;

/// <summary>Receives the lines of an NDJSON stream; a line's bytes are only valid during the call.</summary>
internal interface ILineSink
{
    /// <returns>True when the sink wants to be flushed before more lines come.</returns>
    bool OnLine(long number, ReadOnlySpan<byte> line);

    /// <summary>A line longer than the limit: its bytes were skipped, only its start is kept.</summary>
    bool OnOversized(long number, long length, ReadOnlySpan<byte> start);

    Task FlushAsync(CancellationToken cancellationToken);
}
