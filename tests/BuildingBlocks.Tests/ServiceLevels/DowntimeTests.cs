using System.Globalization;
using Infogerance.ServiceLevels;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

public class DowntimeTests
{
    private static readonly DateTimeOffset Start = At("2026-03-01T00:00:00+01:00");
    private static readonly DateTimeOffset End = At("2026-04-01T00:00:00+02:00");

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Fact]
    public void Services_are_told_apart_by_trimmed_name_ignoring_case_and_overlaps_count_once()
    {
        var services = Downtime.ByService(
        [
            (" erp", At("2026-03-10T14:00:00+01:00"), At("2026-03-10T16:00:00+01:00")),
            ("ERP ", At("2026-03-10T10:00:00+01:00"), At("2026-03-10T15:00:00+01:00")),
            ("Mail", At("2026-02-28T20:00:00+01:00"), At("2026-03-01T01:00:00+01:00")), // one hour in March
            ("VPN", At("2026-03-31T23:00:00+02:00"), null), // open: up to now, never past the period
            ("Web", At("2026-04-02T10:00:00+02:00"), At("2026-04-02T11:00:00+02:00")), // after the period
        ], Start, End, At("2026-04-15T00:00:00Z"));

        Assert.Equal(
            [new ServiceDowntime("ERP", 6 * 3600, 99.19m), new ServiceDowntime("Mail", 3600, 99.86m), new ServiceDowntime("VPN", 3600, 99.86m)],
            services);
    }

    [Fact]
    public void An_open_outage_runs_up_to_now()
    {
        var vpn = Assert.Single(Downtime.ByService([("VPN", At("2026-03-10T11:00:00+01:00"), null)], Start, End, At("2026-03-10T11:30:00+01:00")));

        Assert.Equal(1800, vpn.DownSeconds);
    }
}
