namespace Infogerance.Mail;

/// <summary>
/// One e-mail to one person: a plain-text part, and an HTML part when given (every value in it already encoded).
/// <paramref name="MessageKey"/>, when given, makes the Message-Id (<c>&lt;key@sender's domain&gt;</c>): the same mail sent
/// again carries the same id, so that a receiving side can tell it is a repeat.
/// </summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string Text, string? Html = null, string? MessageKey = null);
