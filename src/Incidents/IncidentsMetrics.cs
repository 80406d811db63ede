using System.Diagnostics.Metrics;

namespace Infogerance.Incidents;

/// <summary>The Incidents service's own measurements, exported with OpenTelemetry like every <c>Infogerance.*</c> meter.</summary>
public static class IncidentsMetrics
{
    private static readonly Meter Meter = new("Infogerance.Incidents");

    /// <summary>
    /// From the instant an SLA clock was breached to the commit of the scheduler's pass that raised the breach: the
    /// promise of "on time, even when nobody touches the ticket" (a change to the ticket that comes first raises it
    /// too, and is not counted here). After downtime the catch-up shows as long lags. Buckets fine enough to see a
    /// p99 of a second or two.
    /// </summary>
    public static readonly Histogram<double> BreachDetectionLag = Meter.CreateHistogram(
        "incidents.sla.breach_detection_lag", unit: "s", description: "Time from an SLA clock's breach to the commit that raised it",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300, 3600] });
}
