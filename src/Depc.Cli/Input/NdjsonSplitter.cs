namespace Depc.Cli.Input;

/// <summary>
/// Splits a stream into lines with a bounded buffer: a line longer than the limit is skipped to
/// its end, not buffered, so a file without newlines cannot exhaust memory. Blank lines are ignored, and so is a UTF-8
/// byte order mark at the start (editors add one), as in an HTTP body.
/// </summary>
internal sealed class NdjsonSplitter(int maxLineBytes)
{
    private const int InitialBuffer = 64 * 1024;
    private const int KeptOfOversized = 1024;

    public async Task ReadAsync(Stream stream, ILineSink sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(InitialBuffer, maxLineBytes + 1)];
        int start = 0, end = 0;
        long number = 0;
        long skipping = -1; // bytes of an oversized line skipped so far, -1 when not skipping
        var oversizedStart = Array.Empty<byte>();
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            end += read;
            var wantsFlush = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                number++;
                if (skipping >= 0)
                {
                    wantsFlush |= sink.OnOversized(number, skipping + newline, oversizedStart);
                    skipping = -1;
                }
                else
                {
                    wantsFlush |= Emit(sink, number, buffer.AsSpan(start, newline));
                }

                start += newline + 1;
            }

            if (read == 0)
            {
                if (skipping >= 0)
                {
                    sink.OnOversized(++number, skipping + (end - start), oversizedStart);
                }
                else if (end > start)
                {
                    Emit(sink, ++number, buffer.AsSpan(start, end - start));
                }

                return;
            }

            if (wantsFlush)
            {
                await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            // Keep the partial line at the front; grow up to the limit, then skip the rest of it.
            var partial = end - start;
            if (skipping < 0 && partial > maxLineBytes)
            {
                skipping = 0;
                oversizedStart = buffer.AsSpan(start, Math.Min(partial, KeptOfOversized)).ToArray();
            }

            if (skipping >= 0)
            {
                skipping += partial;
                start = end = 0;
                continue;
            }

            buffer.AsSpan(start, partial).CopyTo(buffer);
            (start, end) = (0, partial);
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxLineBytes + 1));
            }
        }
    }

    private static bool Emit(ILineSink sink, long number, ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (number == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        return line.Trim(" \t"u8).IsEmpty ? false : sink.OnLine(number, line);
    }
}
