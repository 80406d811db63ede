using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Infogerance.Validation;

namespace Infogerance.Documents;

/// <summary>
/// Which uploaded documents are accepted (on a contract's checklist item, on a ticket), and as what. The content type
/// stored is decided here, never taken from the browser's header: the extension and the content's own signature must
/// agree, so an executable renamed .pdf, or a macro workbook renamed .xlsx, is refused.
/// </summary>
public static class DocumentTypes
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxFileNameLength = 150;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Text = "text/plain";
    public const string Csv = "text/csv";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Odt = "application/vnd.oasis.opendocument.text";

    /// <summary>
    /// The extensions <see cref="Detect"/> accepts, given to a program with <see cref="Refused"/>. The SPA offers the
    /// same list (and <see cref="MaxBytes"/>) before the upload; its test reads this line to keep them equal.
    /// </summary>
    public static IReadOnlyList<string> AcceptedExtensions { get; } = [".pdf", ".png", ".jpg", ".jpeg", ".txt", ".log", ".csv", ".docx", ".xlsx", ".odt"];

    /// <summary>What to tell the user whose file <see cref="Detect"/> refused: the types accepted and the size limit, in their language.</summary>
    public static Message Refused { get; } = new Message(
        "upload.type.refused",
        $"Accepted: PDF, PNG, JPEG, text (.txt, .log), CSV, DOCX, XLSX or ODT, up to {MaxBytes / (1024 * 1024)} MB, whose content matches the file's extension.",
        $"Types acceptés : PDF, PNG, JPEG, texte (.txt, .log), CSV, DOCX, XLSX ou ODT, jusqu'à {MaxBytes / (1024 * 1024)} Mo, dont le contenu correspond à l'extension du fichier.")
        .With("accepted", AcceptedExtensions).With("maxBytes", MaxBytes);

    private const string FallbackFileName = "document";

    /// <summary>The SHA-256 of the content in lower-case hex: what a downloader checks the file against.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The content type to store, or null when the file is not one we accept (or claims to be one it is not).</summary>
    public static string? Detect(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || content.Length > MaxBytes)
        {
            return null;
        }

        return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".pdf" when content.StartsWith("%PDF-"u8) => Pdf,
            ".png" when content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) => Png,
            ".jpg" or ".jpeg" when content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => Jpeg,
            // A log is plain text: stored as text/plain and, like any document, downloaded as an attachment.
            ".txt" or ".log" when IsText(content) => Text,
            ".csv" when IsText(content) => Csv,
            ".docx" when IsOfficePackage(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") => Docx,
            ".xlsx" when IsOfficePackage(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") => Xlsx,
            ".odt" when IsOpenDocument(content, Odt) => Odt,
            _ => null,
        };
    }

    /// <summary>
    /// The name to store and later offer for download: the last path segment only (a browser may send a full Windows
    /// path), without control or format characters (a right-to-left override can disguise "gpj.exe" as "exe.jpg"),
    /// without characters Windows refuses, at most <see cref="MaxFileNameLength"/> characters with the extension kept.
    /// </summary>
    public static string SafeFileName(string fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];

        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned
                || (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value)))
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        // Leading dots would hide the file on Unix or make "..", trailing dots and spaces are dropped by Windows.
        name = builder.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return FallbackFileName;
        }

        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 20)
            {
                extension = "";
            }

            name = Truncate(name[..^extension.Length], MaxFileNameLength - extension.Length).TrimEnd() + extension;
        }

        return name;
    }

    private static string Truncate(string value, int length)
    {
        // Never cut a surrogate pair in half.
        if (value.Length <= length)
        {
            return value;
        }

        return char.IsHighSurrogate(value[length - 1]) ? value[..(length - 1)] : value[..length];
    }

    private static bool IsText(ReadOnlySpan<byte> content) => content.IndexOf((byte)0) < 0 && Utf8.IsValid(content);

    /// <summary>
    /// A zip whose [Content_Types].xml declares the expected main part: checks the package is the document it claims
    /// to be, not any zip (a .jar, an .apk) or a macro-enabled variant (.docm, .xlsm), whose main part differs.
    /// </summary>
    private static bool IsOfficePackage(ReadOnlySpan<byte> content, string mainPartContentType) =>
        content.StartsWith("PK\x03\x04"u8) && ReadEntry(content, "[Content_Types].xml") is { } types
        && types.Contains($"ContentType=\"{mainPartContentType}\"", StringComparison.Ordinal);

    /// <summary>An OpenDocument package names its type in its "mimetype" entry.</summary>
    private static bool IsOpenDocument(ReadOnlySpan<byte> content, string mimeType) =>
        content.StartsWith("PK\x03\x04"u8) && ReadEntry(content, "mimetype") is { } declared
        && declared.Trim() == mimeType;

    private static string? ReadEntry(ReadOnlySpan<byte> content, string entryName)
    {
        const int maxEntryBytes = 1024 * 1024;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var entry = zip.GetEntry(entryName);
            if (entry is null || entry.Length > maxEntryBytes)
            {
                return null;
            }

            using var stream = entry.Open();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // The declared length is the zip's word, not a guarantee: never read more than the limit.
            var buffer = new char[entry.Length + 1];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            return new string(buffer, 0, read);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
