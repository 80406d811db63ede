using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Documents;

/// <summary>An uploaded document that passed <see cref="DocumentTypes"/>: its safe name, the type its content proves, its bytes and their hash.</summary>
public sealed record UploadedDocument(string FileName, string ContentType, byte[] Content, string Sha256)
{
    public long Size => Content.LongLength;
}

/// <summary>Reading a multipart upload the same way in every service: one field named <c>file</c>, 422 naming <c>file</c> otherwise.</summary>
public static class Uploads
{
    public const string FileField = "file";

    /// <summary>Says in the OpenAPI document that the endpoint reads an upload: <c>file</c> and <paramref name="textFields"/>.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, params string[] textFields) =>
        builder.WithMetadata(new UploadForm(FileField, textFields));

    /// <summary>
    /// The multipart field <c>file</c>, read before anything is locked (a slow upload must not hold a row lock or a
    /// connection), or the answer to a request that carries none. Once read, the other form fields are in <c>request.Form</c>.
    /// </summary>
    public static async Task<(IFormFile? File, ProblemHttpResult? Problem)> ReadFileAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        IFormFile? file = null;
        if (request.HasFormContentType)
        {
            try
            {
                file = (await request.ReadFormAsync(cancellationToken)).Files.GetFile(FileField);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                return (null, Invalid(UploadMessages.Unreadable));
            }
        }

        if (file is null || file.Length == 0)
        {
            return (null, Invalid(UploadMessages.Missing));
        }

        return file.Length > maxBytes
            ? (null, Invalid(UploadMessages.TooLarge(maxBytes)))
            : (file, null);
    }

    /// <summary>The file's bytes checked by <see cref="DocumentTypes.Detect"/> under its safe name, hashed; 422 naming <c>file</c> when refused.</summary>
    public static async Task<(UploadedDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var fileName = DocumentTypes.SafeFileName(file.FileName);
        return DocumentTypes.Detect(fileName, content) is { } contentType
            ? (new UploadedDocument(fileName, contentType, content, DocumentTypes.Sha256(content)), null)
            : (null, Invalid(DocumentTypes.Refused));
    }

    /// <summary><see cref="ReadFileAsync"/> then <see cref="ReadDocumentAsync(IFormFile, CancellationToken)"/>, all before any lock.</summary>
    public static async Task<(UploadedDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (file, problem) = await ReadFileAsync(request, DocumentTypes.MaxBytes, cancellationToken);
        return problem is not null ? (null, problem) : await ReadDocumentAsync(file!, cancellationToken);
    }

    /// <summary>
    /// A stored document answered as a download: its stored type, and <c>Content-Disposition: attachment</c> with the
    /// name <see cref="DocumentTypes.SafeFileName"/> gave it (ASCII <c>filename</c> and UTF-8 <c>filename*</c>), so a
    /// browser saves it rather than rendering it in our origin.
    /// </summary>
    public static FileContentHttpResult Download(byte[] content, string contentType, string fileName) =>
        TypedResults.File(content, contentType, DocumentTypes.SafeFileName(fileName));

    private static ProblemHttpResult Invalid(Message message) => Problems.Invalid(FileField, message);
}

/// <summary>What an upload is refused for, before its content is looked at.</summary>
public static class UploadMessages
{
    public static readonly Message Unreadable = new(
        "upload.unreadable",
        "The upload could not be read: send one multipart form field named \"file\".",
        "Le fichier envoyé n'a pas pu être lu : envoyez un seul champ de formulaire multipart nommé « file ».");

    public static readonly Message Missing = new(
        "upload.missing",
        "Send the file as a multipart form field named \"file\".",
        "Envoyez le fichier dans un champ de formulaire multipart nommé « file ».");

    /// <summary>The file is larger than <paramref name="maxBytes"/>, said in whole megabytes.</summary>
    public static Message TooLarge(long maxBytes) => new Message(
        "upload.tooLarge",
        $"The file is larger than {maxBytes / (1024 * 1024)} MB.",
        $"Le fichier dépasse {maxBytes / (1024 * 1024)} Mo.").With("maxBytes", maxBytes);
}
