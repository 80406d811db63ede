using Infogerance.Incidents.Domain;

namespace Infogerance.Incidents.Tests;

/// <summary>A canned reply is whole in both languages, or not at all.</summary>
public sealed class CannedRepliesTests
{
    [Fact]
    public void A_reply_with_both_titles_and_texts_is_accepted() =>
        Assert.True(CannedReplies.Check("Call back", "Rappel", "We will call you back.", "Nous vous rappelons.").IsEmpty);

    [Fact]
    public void Each_missing_or_overlong_part_names_its_field()
    {
        Assert.Equal(["textEn", "textFr", "titleEn", "titleFr"], CannedReplies.Check(null, " ", "", null).Fields.Order());
        Assert.Equal(["textFr", "titleEn"], CannedReplies.Check(
            new string('t', CannedReplies.MaxTitle + 1), "Rappel", "ok", new string('t', CannedReplies.MaxText + 1)).Fields.Order());
        Assert.True(CannedReplies.Check(new string('t', CannedReplies.MaxTitle), "Rappel", "ok", new string('t', CannedReplies.MaxText)).IsEmpty);
    }
}
