using System.Diagnostics.Metrics;

namespace Infogerance.Incidents;

/// <summary>The Incidents service's own measurements, exported with OpenTelemetry like every <c>Infogerance.*</c> meter.</summary>
public static class IncidentsMetrics
{
    private static readonly Meter Meter = new("Infogerance.Incidents");

    /// <summary>
    /// From the instant an SLA clock was breached to the pass that raised the breach (the scheduler's, or a change to
    /// the ticket that came first): the promise of "on time, even when nobody touches the ticket". The transaction
    /// commits right after; after downtime the catch-up shows here as long lags.
    /// </summary>
    public static readonly Histogram<double> BreachDetectionLag = Meter.CreateHistogram<double>(
        "incidents.sla.breach_detection_lag", unit: "s", description: "Time from an SLA clock's breach to the breach being raised");
}
