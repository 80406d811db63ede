using System.Text;

namespace Infogerance.Mail;

/// <summary>Writing values into an e-mail's HTML part.</summary>
public static class MailHtml
{
    /// <summary>
    /// The value as HTML text or attribute value: the five characters that mean something in HTML are escaped, the rest
    /// (accents included) left as they are, the part being UTF-8.
    /// </summary>
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var html = new StringBuilder(value.Length + 16);
        foreach (var character in value)
        {
            html.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => character.ToString(),
            });
        }

        return html.ToString();
    }

    /// <summary>A plain-text e-mail as its HTML part: each line encoded, the line that is <paramref name="link"/> made a link.</summary>
    public static string OfText(string text, string link)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => line.Trim() == link ? $"<a href=\"{Encode(link)}\">{Encode(link)}</a>" : Encode(line));
        return $"<!DOCTYPE html>\n<html><body><p>{string.Join("<br>\n", lines)}</p></body></html>";
    }
}
