using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Support;

/// <summary>Counts what a host's counter named <c>name</c> adds (its own meter factory's, not another host's) while it lives.</summary>
public sealed class MeterCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public MeterCount(IServiceProvider services, string name)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
