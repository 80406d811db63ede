using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;

namespace Infogerance.Documents;

/// <summary>A file of the dossier: its path inside the archive (relative, forward slashes) and its bytes.</summary>
public sealed record DossierFile(string Path, byte[] Content);

public sealed record ManifestEntry(string Path, long Size, string Sha256);

public sealed record DossierManifest(string Format, Guid ContractId, string Reference, DateTimeOffset GeneratedAt, IReadOnlyList<ManifestEntry> Files);

/// <summary>
/// The dossier of one service's part of a contract, to be put in the whole under <see cref="Prefix"/>: empty for the
/// part whose files stay at the root, else a folder ending with a slash (<c>invoicing/</c>).
/// </summary>
public sealed record DossierPart(string Prefix, byte[] Archive);

/// <summary>
/// The portable dossier of a contract: a ZIP whose manifest.json lists every other file with its size and SHA-256,
/// so that whoever receives it (the client at reversibility, an auditor, a new provider) can prove nothing was
/// added, removed or altered after it left the service. <see cref="Read"/> is that proof.
/// </summary>
public static class DossierArchive
{
    public const string ManifestPath = "manifest.json";
    public const string FormatName = "infogerance-dossier/1";

    /// <summary>A manifest of tens of thousands of files stays far below this; anything larger is not ours.</summary>
    private const int MaxManifestBytes = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    /// <summary>For a nested value inside one CSV cell, where line breaks would only get in the way.</summary>

    /// <summary>
    /// Writes the files, then the manifest. Every path is checked before the first byte is written, so a bad path
    /// never leaves a half-written archive behind. <paramref name="output"/> is left open.
    /// </summary>
    public static void Write(Stream output, Guid contractId, string reference, DateTimeOffset generatedAt, IEnumerable<DossierFile> files)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(files);

        var list = files.ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in list)
        {
            ArgumentNullException.ThrowIfNull(file, nameof(files));
            ArgumentNullException.ThrowIfNull(file.Content, nameof(files));
            if (PathProblem(file.Path) is { } problem)
            {
                throw new ArgumentException($"Dossier path \"{file.Path}\": {problem}", nameof(files));
            }

            // Case-insensitive: extracted on Windows or macOS, "Audit.json" would overwrite "audit.json".
            if (!seen.Add(file.Path))
            {
                throw new ArgumentException($"Dossier path \"{file.Path}\" appears twice.", nameof(files));
            }
        }

        var entries = new List<ManifestEntry>(list.Count);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in list)
            {
                AddEntry(zip, file.Path, file.Content, generatedAt);
                entries.Add(new ManifestEntry(file.Path, file.Content.LongLength, Hex(SHA256.HashData(file.Content))));
            }

            var manifest = new DossierManifest(FormatName, contractId, reference, generatedAt, entries);
            AddEntry(zip, ManifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, JsonOptions), generatedAt);
        }
    }

    /// <summary>
    /// Puts the parts of one contract's dossier together: each part is proved whole (<see cref="Read"/>), then its files
    /// are written under its prefix with one manifest for them all, naming the first part's contract and reference. So
    /// the whole carries every part's files unchanged, and whoever receives it proves it with the one manifest. A part
    /// that does not read, or is another contract's, throws <see cref="InvalidDataException"/> naming the part; two
    /// parts giving the same path throw <see cref="ArgumentException"/>; either way before anything is written.
    /// </summary>
    public static void Merge(Stream output, IReadOnlyList<DossierPart> parts, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("A dossier has at least one part.", nameof(parts));
        }

        DossierManifest? first = null;
        var files = new List<DossierFile>();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            if (part.Prefix.Length > 0 && !part.Prefix.EndsWith('/'))
            {
                throw new ArgumentException($"Dossier part \"{part.Prefix}\": a prefix is a folder, ending with a slash.", nameof(parts));
            }

            DossierManifest manifest;
            IReadOnlyDictionary<string, byte[]> content;
            try
            {
                (manifest, content) = Read(new MemoryStream(part.Archive, writable: false));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"Dossier part \"{part.Prefix}\": {e.Message}", e);
            }

            first ??= manifest;
            if (manifest.ContractId != first.ContractId)
            {
                throw new InvalidDataException($"Dossier part \"{part.Prefix}\": it is the dossier of contract {manifest.ContractId}, not {first.ContractId}.");
            }

            files.AddRange(manifest.Files.Select(entry => new DossierFile(part.Prefix + entry.Path, content[entry.Path])));
        }

        Write(output, first!.ContractId, first.Reference, generatedAt, files);
    }

    /// <summary>
    /// Opens a dossier and proves it whole: the manifest is present and of this format, every file it lists is
    /// there with the same size and SHA-256, and nothing else is. Throws <see cref="InvalidDataException"/> naming
    /// the file at fault otherwise.
    /// </summary>
    public static (DossierManifest Manifest, IReadOnlyDictionary<string, byte[]> Files) Read(Stream archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("The dossier is not a readable ZIP archive.", e);
        }

        using (zip)
        {
            var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                // A folder entry holds nothing to verify; some tools add them when a dossier is re-zipped.
                if (entry.FullName.EndsWith('/') && entry.Length == 0)
                {
                    continue;
                }

                if (!byName.TryAdd(entry.FullName, entry))
                {
                    throw new InvalidDataException($"{entry.FullName}: appears twice in the archive.");
                }
            }

            var manifest = ReadManifest(byName);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var listed in manifest.Files)
            {
                if (listed is null || PathProblem(listed.Path) is not null || listed.Size < 0 || listed.Sha256 is null)
                {
                    throw new InvalidDataException($"{ManifestPath}: the entry \"{listed?.Path}\" is not valid.");
                }

                if (files.ContainsKey(listed.Path))
                {
                    throw new InvalidDataException($"{listed.Path}: listed twice in {ManifestPath}.");
                }

                if (!byName.TryGetValue(listed.Path, out var entry))
                {
                    throw new InvalidDataException($"{listed.Path}: listed in {ManifestPath} but missing from the archive.");
                }

                var content = ReadEntry(entry, listed.Size);
                if (content.LongLength != listed.Size)
                {
                    throw new InvalidDataException($"{listed.Path}: its size differs from the one in {ManifestPath}.");
                }

                if (!string.Equals(Hex(SHA256.HashData(content)), listed.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"{listed.Path}: its content does not match the SHA-256 in {ManifestPath}.");
                }

                files[listed.Path] = content;
            }

            if (byName.Keys.FirstOrDefault(name => name != ManifestPath && !files.ContainsKey(name)) is { } unlisted)
            {
                throw new InvalidDataException($"{unlisted}: in the archive but not listed in {ManifestPath}.");
            }

            return (manifest, files);
        }
    }

    /// <summary>
    /// A CSV file of the dossier: one column per public property of <typeparamref name="T"/>, named as in the JSON
    /// (camelCase, or [JsonPropertyName]), UTF-8 with a byte order mark for Excel. Enums are written as their camelCase
    /// names, dates in ISO 8601, numbers in invariant culture; a nested object or list is written as JSON. Text
    /// that a spreadsheet would run as a formula is prefixed with a quote.
    /// </summary>
    public static byte[] Csv<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        var header = properties
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToArray();

        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvCells.Options, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                foreach (var property in properties)
                {
                    CsvCells.Write(csv, row is null ? null : property.GetValue(row));
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON file of the dossier, in the API's shape (camelCase, enums as camelCase strings), indented for people.</summary>
    public static byte[] Json(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), JsonOptions);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Why a path cannot be in the dossier, or null. Paths must extract to the same place on any system.</summary>
    private static string? PathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty.";
        }

        if (path.Contains('\\'))
        {
            return "paths use forward slashes.";
        }

        if (path.StartsWith('/') || path.Contains(':'))
        {
            return "paths are relative.";
        }

        if (path.Any(char.IsControl))
        {
            return "control characters are not allowed.";
        }

        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "empty, \".\" and \"..\" segments are not allowed.";
        }

        if (string.Equals(path, ManifestPath, StringComparison.OrdinalIgnoreCase))
        {
            return $"{ManifestPath} is the archive's own manifest.";
        }

        return null;
    }

    private static void AddEntry(ZipArchive zip, string path, byte[] content, DateTimeOffset modified)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        // Zip timestamps run from 1980 to 2107; outside that the library's default is kept.
        if (modified.Year is >= 1980 and <= 2107)
        {
            entry.LastWriteTime = modified;
        }

        using var stream = entry.Open();
        stream.Write(content);
    }

    private static DossierManifest ReadManifest(Dictionary<string, ZipArchiveEntry> byName)
    {
        if (!byName.TryGetValue(ManifestPath, out var entry))
        {
            throw new InvalidDataException($"{ManifestPath}: missing from the archive.");
        }

        DossierManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DossierManifest>(ReadEntry(entry, MaxManifestBytes), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ManifestPath}: not a valid manifest.", e);
        }

        if (manifest is null || manifest.Format != FormatName || manifest.Files is null || manifest.Reference is null)
        {
            throw new InvalidDataException($"{ManifestPath}: not a manifest of the format {FormatName}.");
        }

        return manifest;
    }

    /// <summary>
    /// Reads at most one byte more than expected: enough to tell a size mismatch, without letting a forged archive
    /// decompress gigabytes into memory.
    /// </summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, long expectedSize)
    {
        var limit = (int)Math.Min(expectedSize + 1, Array.MaxLength);
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            // A damaged entry (bad CRC, broken deflate stream): name it, as for every other defect.
            throw new InvalidDataException($"{entry.FullName}: cannot be decompressed.", e);
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
