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
}
