using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Support;

/// <summary>Sends the worker's log lines to the test output, so a failing test shows what happened, and keeps their event ids.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper? output, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    /// <summary>The id of every event logged at or above the minimum level, in order.</summary>
    public ConcurrentQueue<int> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(output, minimum, Events);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper? output, LogLevel minimum, ConcurrentQueue<int> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            events.Enqueue(eventId.Id);

            // Rejections (3005) are checked through the sink and the feed; printing thousands of them hides the story.
            if (output is null || eventId.Id == 3005)
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished.
            }
        }
    }
}
