using Infogerance.Incidents.Api;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.Incidents.Tests;

/// <summary>The preview endpoint's function, without HTTP (the gateway path and JSON are checked end to end).</summary>
public class SlaPreviewTests
{
    private static readonly SlaPreviewRequest Example = new(
        WorkedExample(),
        new SlaDuration(4, SlaClock.Hours),
        D("2034-06-09T08:46:12+02:00"),
        [new SlaPreviewPause(D("2034-06-09T09:15:27+02:00"), D("2034-06-09T11:23:49+02:00"))],
        null,
        [50, 75]);

    private static SlaPreviewResponse Ok(SlaPreviewRequest request) =>
        Assert.IsType<Ok<SlaPreviewResponse>>(SlaPreviewApi.Preview(request).Result).Value!;

    private static IDictionary<string, string[]> Invalid(SlaPreviewRequest request)
    {
        var problem = Assert.IsType<ProblemHttpResult>(SlaPreviewApi.Preview(request).Result);
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.StatusCode);
        return Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors;
    }

    [Fact]
    public void The_worked_example_is_due_at_15_54_34_in_the_zone_s_offset()
    {
        var preview = Ok(Example);

        Assert.Equal("2034-06-09T15:54:34+02:00", preview.DueAt.ToString("yyyy-MM-ddTHH:mm:sszzz"));
        Assert.Equal(TimeSpan.FromHours(2), preview.DueAt.Offset);
        Assert.Equal(7702, preview.PausedBusinessSeconds);
        Assert.Equal(14_400, preview.TargetBusinessSeconds);
        Assert.Equal(
            [(50, "2034-06-09T13:54:34+02:00"), (75, "2034-06-09T14:54:34+02:00")],
            preview.Warnings.Select(w => (w.Percent, w.At.ToString("yyyy-MM-ddTHH:mm:sszzz"))));
        Assert.Equal(0, preview.ElapsedBusinessSeconds);
        Assert.False(preview.Breached);
    }

    [Fact]
    public void Absent_pauses_and_thresholds_mean_none_and_50_75()
    {
        var preview = Ok(Example with { Pauses = null, WarningThresholds = null });

        Assert.Equal([50, 75], preview.Warnings.Select(w => w.Percent));
        Assert.Equal(0, preview.PausedBusinessSeconds);
        Assert.Equal(D("2034-06-09T13:46:12+02:00"), preview.DueAt);
    }

    [Fact]
    public void A_stopped_clock_tells_its_elapsed_time_and_breach()
    {
        var preview = Ok(Example with { StoppedAt = D("2034-06-09T16:00:00+02:00") });

        Assert.True(preview.Breached);
        Assert.Equal(14_400 + 326, preview.ElapsedBusinessSeconds);
    }

    [Fact]
    public void Bad_fields_are_all_named_by_their_json_path()
    {
        var errors = Invalid(new SlaPreviewRequest(
            Example.Calendar! with { TimeZone = "Mars/Olympus", Weekly = [new("monday", "10:30", "19:00"), new("friday", "12:00", "08:30")] },
            new SlaDuration(0, "days"),
            null,
            [new SlaPreviewPause(D("2034-06-09T11:00:00+02:00"), D("2034-06-09T10:00:00+02:00")), null, new SlaPreviewPause(null, D("2034-06-09T10:00:00+02:00"))],
            D("1970-01-01T00:00:00Z"),
            [75, 50]));

        Assert.Equal(
            ["calendar.timeZone", "calendar.weekly[1].close", "target.unit", "target.value", "warningThresholds", "startedAt", "stoppedAt",
             "pauses[0].to", "pauses[1]", "pauses[2].from"],
            errors.Keys);
    }

    [Fact]
    public void A_stop_before_the_start_is_refused()
    {
        Assert.Equal(["stoppedAt"], Invalid(Example with { StoppedAt = D("2034-06-09T08:00:00+02:00") }).Keys);
    }

    [Fact]
    public void Starts_outside_1990_2100_and_too_many_pauses_are_refused_rather_than_walked()
    {
        Assert.Equal(["startedAt"], Invalid(Example with { StartedAt = D("2101-01-01T00:00:00Z"), Pauses = [] }).Keys);
        var pauses = Enumerable.Range(0, SlaPreviewApi.MaxPauses + 1)
            .Select(i => (SlaPreviewPause?)new SlaPreviewPause(D("2034-06-09T09:00:00+02:00"), D("2034-06-09T09:01:00+02:00"))).ToArray();
        Assert.Equal(["pauses"], Invalid(Example with { Pauses = pauses }).Keys);
    }

}
