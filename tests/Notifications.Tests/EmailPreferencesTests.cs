using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Tests;

public class EmailPreferencesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void Every_kind_is_in_exactly_one_topic_and_what_cannot_wait_is_emailed_at_once_by_default()
    {
        Assert.Equal(NotificationKinds.All.Order(), Topics.All.SelectMany(topic => topic.Kinds).Order());
        Assert.Equal(Deliveries.Immediate, Topics.Of(NotificationKinds.SlaBreached)!.Default);
        Assert.Equal(Deliveries.Immediate, Topics.Of(NotificationKinds.InvoiceDisputed)!.Default);
        Assert.Equal(Deliveries.Digest, Topics.Of(NotificationKinds.NoticeDeadlineApproaching)!.Default);
        Assert.Equal(Deliveries.App, Topics.Of(NotificationKinds.TicketResolved)!.Default);
        Assert.Equal(Deliveries.Immediate, Topics.Of(NotificationKinds.ReviewAwaitingApproval)!.Default);
        Assert.Equal(Deliveries.Immediate, Topics.Of(NotificationKinds.ReviewActionOverdue)!.Default);
        Assert.Equal(Deliveries.Digest, Topics.Of(NotificationKinds.ChecklistItemToAccept)!.Default);
        // The monthly scorecard is a report to read: e-mailed only to those who subscribe.
        Assert.Equal(Deliveries.App, Topics.Of(NotificationKinds.MonthlyScorecard)!.Default);
        Assert.Null(Topics.Of("somethingNew"));
    }

    [Fact]
    public void A_persons_choice_overrides_the_default_of_its_topic_only()
    {
        var resolved = EmailPreferences.Resolve(new Dictionary<string, string> { ["sla"] = Deliveries.Digest });
        Assert.Equal(Deliveries.Digest, resolved["sla"]);
        Assert.Equal(Deliveries.Immediate, resolved["invoices"]);
        Assert.Equal(Topics.All.Select(topic => topic.Name), resolved.Keys);
    }

    [Fact]
    public void A_change_names_each_wrong_field_by_its_path()
    {
        Assert.True(EmailPreferences.Check(new Dictionary<string, string?> { ["sla"] = "digest", ["tickets"] = "app" }).IsEmpty);
        Assert.Equal(["delivery"], EmailPreferences.Check(null).Fields);
        Assert.Equal(["delivery"], EmailPreferences.Check(new Dictionary<string, string?>()).Fields);

        var errors = EmailPreferences.Check(new Dictionary<string, string?> { ["sla"] = "weekly", ["gossip"] = "app", ["invoices"] = null });
        Assert.Equal(["delivery.sla", "delivery.gossip", "delivery.invoices"], errors.Fields);
        Assert.Equal("notifications.preferences.delivery.unknown", errors["delivery.sla"][0].Code);
        Assert.Equal("The delivery is one of: app, immediate, digest.", errors["delivery.sla"][0].English);
        Assert.Equal("La réception est l’une de : app, immediate, digest.", errors["delivery.sla"][0].French);
        Assert.Equal("notifications.preferences.topic.unknown", errors["delivery.gossip"][0].Code);
    }

    [Theory]
    // Before the hour: today's digest; at or after it: tomorrow's (05:00 UTC is 07:00 in Paris in summer).
    [InlineData("2027-07-14T04:59:59Z", "2027-07-14T05:00:00Z")]
    [InlineData("2027-07-14T05:00:00Z", "2027-07-15T05:00:00Z")]
    [InlineData("2027-07-14T22:30:00Z", "2027-07-15T05:00:00Z")]
    // Winter: 07:00 in Paris is 06:00 UTC.
    [InlineData("2027-01-10T12:00:00Z", "2027-01-11T06:00:00Z")]
    // The nights the clocks change (28 March and 31 October 2027): 07:00 local either side.
    [InlineData("2027-03-27T12:00:00Z", "2027-03-28T05:00:00Z")]
    [InlineData("2027-10-30T12:00:00Z", "2027-10-31T06:00:00Z")]
    public void The_digest_goes_out_at_its_hour_in_its_zone(string now, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), DigestSchedule.NextAfter(DateTimeOffset.Parse(now), 7, Paris));

    [Fact]
    public void An_hour_the_clocks_skip_or_repeat_is_still_one_digest_a_day()
    {
        // 02:00 does not exist in Paris on 28 March 2027: the digest goes at 03:00 CEST (01:00 UTC), when the clocks jump.
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T01:00:00Z"), DigestSchedule.NextAfter(DateTimeOffset.Parse("2027-03-27T12:00:00Z"), 2, Paris));
        // 02:00 happens twice on 31 October 2027: the first time (00:00 UTC), and not again an hour later.
        var first = DigestSchedule.NextAfter(DateTimeOffset.Parse("2027-10-30T12:00:00Z"), 2, Paris);
        Assert.Equal(DateTimeOffset.Parse("2027-10-31T00:00:00Z"), first);
        Assert.Equal(DateTimeOffset.Parse("2027-11-01T01:00:00Z"), DigestSchedule.NextAfter(first, 2, Paris));
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(6, 1920)]
    [InlineData(7, 3600)]
    [InlineData(40, 3600)]
    public void A_failed_email_waits_twice_as_long_each_time_up_to_the_ceiling(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), EmailRetry.DelayAfter(attempts, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
}
