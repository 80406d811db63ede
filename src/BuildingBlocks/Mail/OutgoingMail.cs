namespace Infogerance.Mail;

/// <summary>
/// One e-mail to one person: a plain-text part, and an HTML part when given (every value in it already encoded).
/// <paramref name="MessageKey"/>, when given, makes the Message-Id (<c>&lt;key@sender's domain&gt;</c>): the same mail sent
/// again carries the same id, so that a receiving side can tell it is a repeat. <paramref name="Attachments"/> go after the
/// text and HTML parts.
/// </summary>
public sealed record OutgoingMail(
    string ToAddress, string ToName, string Subject, string Text, string? Html = null, string? MessageKey = null,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file attached to an e-mail: its name as the recipient sees it, its media type and its bytes.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
