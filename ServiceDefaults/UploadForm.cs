namespace Infogerance.ServiceDefaults;

/// <summary>
/// Endpoint metadata: the multipart form an upload endpoint reads itself, its file field and the text fields beside it,
/// for the OpenAPI document to describe (<see cref="OpenApiDefaults"/>).
/// </summary>
public sealed record UploadForm(string FileField, IReadOnlyList<string> TextFields)
{
    public const string ContentType = "multipart/form-data";
}
