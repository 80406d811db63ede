using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

/// <summary>A provider's canned replies: each a title and a text in English and French, so the desk answers in either.</summary>
public static class CannedReplies
{
    public const int MaxTitle = 120;
    public const int MaxText = 5000;
    public const int MaxPerProvider = 200;

    public static FieldErrors Check(string? titleEn, string? titleFr, string? textEn, string? textFr)
    {
        var errors = new FieldErrors();
        TextRules.Check(errors, "titleEn", titleEn, MaxTitle, required: true);
        TextRules.Check(errors, "titleFr", titleFr, MaxTitle, required: true);
        TextRules.Check(errors, "textEn", textEn, MaxText, required: true);
        TextRules.Check(errors, "textFr", textFr, MaxText, required: true);
        return errors;
    }
}

public static class CannedReplyMessages
{
    public static Message TooMany(int max) =>
        new Message("cannedReply.tooMany", $"At most {max} canned replies: delete one first.", $"Au plus {max} réponses types : supprimez-en une d'abord.")
            .With("max", max);
}
