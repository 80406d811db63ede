using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Tests;

public sealed class DocumentTypesTests
{
    // Real PDFs put a comment of high bytes on their second line so that tools treat them as binary.
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, .. "\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("Procédure de bascule\r\nÉtape 1 : sauvegarde\n");
    private static readonly byte[] Csv = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("serveur;quantité\nSRV-01;2\n")];

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static string ContentTypes(string mainPart) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{mainPart}"/></Types>""";

    private static readonly byte[] Docx = Zip(
        ("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
        ("word/document.xml", "<w:document/>"));

    private static readonly byte[] Docm = Zip(
        ("[Content_Types].xml", ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")),
        ("word/document.xml", "<w:document/>"));

    private static readonly byte[] Odt = Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));

    private static readonly byte[] Jar = Zip(("META-INF/MANIFEST.MF", "Main-Class: Evil\n"), ("Evil.class", "\u00CA\u00FE"));

    private static readonly byte[] Xlsx = CreateXlsx();

    private static byte[] CreateXlsx()
    {
        using var workbook = new XLWorkbook();
        workbook.Worksheets.Add("Feuil1").Cell(1, 1).SetValue("PV de recette");
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "contrat signé.pdf", Pdf, "application/pdf" },
        { "SCAN.PDF", Pdf, "application/pdf" },
        { "schéma.png", Png, "image/png" },
        { "photo.jpg", Jpeg, "image/jpeg" },
        { "photo.JPEG", Jpeg, "image/jpeg" },
        { "procédure.txt", Text, "text/plain" },
        { "serveur.log", Text, "text/plain" },
        { "AGENT.LOG", Text, "text/plain" },
        { "inventaire.csv", Csv, "text/csv" },
        { "pv.docx", Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "pv.xlsx", Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "pv.odt", Odt, "application/vnd.oasis.opendocument.text" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Each_accepted_type_is_recognised_when_name_and_content_agree(string fileName, byte[] content, string contentType) =>
        Assert.Equal(contentType, DocumentTypes.Detect(fileName, content));

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "facture.pdf", Exe },          // an executable renamed
        { "setup.exe", Exe },            // not a type we take at all
        { "photo.jpg", Png },            // a real image under the wrong name
        { "photo.png", Jpeg },
        { "contrat.png", Pdf },
        { "contrat", Pdf },              // no extension
        { "notes.txt", Pdf },            // binary is not text…
        { "trace.log", Exe },            // …under either text extension
        { "pv.docx", Jar },              // any zip is not a document
        { "pv.docx", Xlsx },             // …nor a document of another kind
        { "pv.xlsx", Docx },
        { "pv.odt", Docx },
        { "pv.docx", Docm },             // a macro document renamed .docx
        { "pv.docx", Encoding.ASCII.GetBytes("PK\u0003\u0004 but truncated") },
        { "vide.txt", [] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_name_and_content_that_disagree_are_refused(string fileName, byte[] content) =>
        Assert.Null(DocumentTypes.Detect(fileName, content));

    [Fact]
    public void Text_must_be_UTF8_without_NUL_bytes()
    {
        Assert.Null(DocumentTypes.Detect("notes.txt", "ab\0cd"u8));
        Assert.Null(DocumentTypes.Detect("export.csv", "a,b\n1,\0"u8));
        Assert.Null(DocumentTypes.Detect("ancien.txt", [(byte)'r', 0xE9, (byte)'s', (byte)'e', (byte)'a', (byte)'u']));   // Windows-1252 "réseau"
        Assert.Equal("text/plain", DocumentTypes.Detect("notes.txt", "réseau"u8));
    }

    [Fact]
    public void Files_over_10_MB_are_refused()
    {
        var big = new byte[DocumentTypes.MaxBytes + 1];
        Pdf.CopyTo(big, 0);
        Assert.Null(DocumentTypes.Detect("gros.pdf", big));
        Assert.Equal("application/pdf", DocumentTypes.Detect("juste.pdf", big.AsSpan(0, (int)DocumentTypes.MaxBytes)));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\x\\y.pdf", "y.pdf")]
    [InlineData("/var/tmp/rapport final.pdf", "rapport final.pdf")]
    [InlineData("a\u0000b\u0007c\r\n.txt", "abc.txt")]
    [InlineData("facture\u202Efdp.exe", "facturefdp.exe")]    // a right-to-left override would show "exe.pdf"
    [InlineData("what?<>:|*\".pdf", "what.pdf")]
    [InlineData("..", "document")]
    [InlineData("", "document")]
    [InlineData("   ", "document")]
    [InlineData("dir/", "document")]
    [InlineData("\u0001\u0002", "document")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("procès-verbal de recette.docx", "procès-verbal de recette.docx")]
    public void SafeFileName_keeps_only_a_harmless_last_segment(string fileName, string expected) =>
        Assert.Equal(expected, DocumentTypes.SafeFileName(fileName));

    [Fact]
    public void SafeFileName_shortens_to_150_characters_keeping_the_extension()
    {
        var safe = DocumentTypes.SafeFileName(new string('a', 300) + ".pdf");
        Assert.Equal(150, safe.Length);
        Assert.EndsWith("a.pdf", safe);

        // A character outside the BMP is two chars: it is never cut in half.
        var emoji = DocumentTypes.SafeFileName(new string('a', 145) + string.Concat(Enumerable.Repeat("😀", 10)) + ".txt");
        Assert.True(emoji.Length <= 150);
        Assert.EndsWith(".txt", emoji);
        Assert.DoesNotContain(emoji.EnumerateRunes(), r => r == Rune.ReplacementChar);   // a lone surrogate enumerates as U+FFFD
    }

    [Fact]
    public void The_refusal_names_the_accepted_types_in_each_language_with_one_code()
    {
        Assert.Equal("upload.type.refused", DocumentTypes.Refused.Code);
        Assert.Equal("Accepted: PDF, PNG, JPEG, text (.txt, .log), CSV, DOCX, XLSX or ODT, up to 10 MB, whose content matches the file's extension.", DocumentTypes.Refused.English);
        Assert.Equal(
            "Types acceptés : PDF, PNG, JPEG, texte (.txt, .log), CSV, DOCX, XLSX ou ODT, jusqu'à 10 Mo, dont le contenu correspond à l'extension du fichier.",
            Languages.In(Languages.French, () => DocumentTypes.Refused.Text));
        Assert.Contains(".odt", (IEnumerable<string>)DocumentTypes.Refused.Parameters["accepted"]!);
    }

    [Theory]
    [InlineData("en", "Accepted: PDF, PNG, JPEG, text (.txt, .log), CSV, DOCX, XLSX or ODT, up to 10 MB, whose content matches the file's extension.")]
    [InlineData("fr", "Types acceptés : PDF, PNG, JPEG, texte (.txt, .log), CSV, DOCX, XLSX ou ODT, jusqu'à 10 Mo, dont le contenu correspond à l'extension du fichier.")]
    public async Task A_refused_upload_is_a_422_on_file_in_the_callers_language(string language, string expected)
    {
        var problem = await RefusalOf("setup.exe", Exe, language);

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.StatusCode);
        var details = Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails);
        Assert.Equal([expected], details.Errors["file"]);
        var codes = Assert.IsType<Dictionary<string, Problems.FieldCode[]>>(details.Extensions[Problems.ErrorCodesKey]);
        Assert.Equal("upload.type.refused", Assert.Single(codes["file"]).Code);
    }

    [Fact]
    public async Task A_request_without_a_file_is_told_so_in_French()
    {
        var context = new DefaultHttpContext();

        var (file, problem) = await InLanguageAsync("fr", () => Uploads.ReadFileAsync(context.Request, DocumentTypes.MaxBytes, TestContext.Current.CancellationToken));

        Assert.Null(file);
        var details = Assert.IsType<HttpValidationProblemDetails>(problem!.ProblemDetails);
        Assert.Equal(["Envoyez le fichier dans un champ de formulaire multipart nommé « file »."], details.Errors["file"]);
    }

    [Fact]
    public void The_size_limit_is_said_in_megabytes_in_both_languages()
    {
        var tooLarge = UploadMessages.TooLarge(DocumentTypes.MaxBytes);

        Assert.Equal(("upload.tooLarge", "The file is larger than 10 MB.", "Le fichier dépasse 10 Mo."), (tooLarge.Code, tooLarge.English, tooLarge.French));
    }

    private static async Task<ProblemHttpResult> RefusalOf(string fileName, byte[] content, string language)
    {
        var file = new FormFile(new MemoryStream(content), 0, content.Length, Uploads.FileField, fileName);
        var (document, problem) = await InLanguageAsync(language, () => Uploads.ReadDocumentAsync(file, TestContext.Current.CancellationToken));
        Assert.Null(document);
        return problem!;
    }

    /// <summary>The answer is written in the UI language of the request being served: here, of the test.</summary>
    private static async Task<T> InLanguageAsync<T>(string language, Func<Task<T>> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
