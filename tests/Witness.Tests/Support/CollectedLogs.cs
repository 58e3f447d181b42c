using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FairDraw.Witness.Tests.Support;

/// <summary>Keeps every log entry the witness writes, to assert that a refused fork is said loudly.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
