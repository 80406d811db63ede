using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infogerance.Documents;

namespace Infogerance.BuildingBlocks.Tests.Documents;

public sealed class DossierArchiveTests
{
    private static readonly Guid ContractId = Guid.Parse("0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b11");
    private static readonly DateTimeOffset GeneratedAt = new(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

    private static readonly DossierFile[] Files =
    [
        new("contract.json", Encoding.UTF8.GetBytes("{\"reference\":\"INF-2026-001\"}")),
        new("versions/v1.json", Encoding.UTF8.GetBytes("{\"number\":1}")),
        new("inventory.csv", [0xEF, 0xBB, 0xBF, .. "type,name,quantity,criticality,location\r\n"u8]),
        new("documents/0195f3a2/procès-verbal.pdf", [.. "%PDF-1.7\n"u8, 0xE2, 0xE3, 0xCF, 0xD3]),
        new("documents/empty.txt", []),
    ];

    private static byte[] Archive(IEnumerable<DossierFile>? files = null)
    {
        using var buffer = new MemoryStream();
        DossierArchive.Write(buffer, ContractId, "INF-2026-001", GeneratedAt, files ?? Files);
        return buffer.ToArray();
    }

    /// <summary>Changes an archive after the fact, as someone tampering with a dossier would.</summary>
    private static byte[] Tamper(byte[] archive, Action<ZipArchive> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(archive);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }

        return buffer.ToArray();
    }

    private static void Replace(ZipArchive zip, string path, byte[] content)
    {
        zip.GetEntry(path)?.Delete();
        using var stream = zip.CreateEntry(path).Open();
        stream.Write(content);
    }

    private static InvalidDataException Refused(byte[] archive) =>
        Assert.Throws<InvalidDataException>(() => DossierArchive.Read(new MemoryStream(archive)));

    [Fact]
    public void A_written_dossier_reads_back_with_its_manifest()
    {
        var (manifest, files) = DossierArchive.Read(new MemoryStream(Archive()));

        Assert.Equal("infogerance-dossier/1", manifest.Format);
        Assert.Equal(ContractId, manifest.ContractId);
        Assert.Equal("INF-2026-001", manifest.Reference);
        Assert.Equal(GeneratedAt, manifest.GeneratedAt);
        Assert.Equal(Files.Select(f => f.Path), manifest.Files.Select(f => f.Path));
        foreach (var file in Files)
        {
            Assert.Equal(file.Content, files[file.Path]);
            var entry = Assert.Single(manifest.Files, e => e.Path == file.Path);
            Assert.Equal(file.Content.LongLength, entry.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Content)), entry.Sha256);
        }

        Assert.Equal(Files.Length, files.Count);
    }

    [Fact]
    public void The_manifest_comes_last_as_indented_camel_case_JSON()
    {
        using var zip = new ZipArchive(new MemoryStream(Archive()), ZipArchiveMode.Read);
        Assert.Equal([.. Files.Select(f => f.Path), "manifest.json"], zip.Entries.Select(e => e.FullName));

        using var reader = new StreamReader(zip.GetEntry(DossierArchive.ManifestPath)!.Open());
        var json = reader.ReadToEnd();
        Assert.Contains("\n  \"format\": \"infogerance-dossier/1\"", json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(ContractId, root.GetProperty("contractId").GetGuid());
        Assert.Equal(GeneratedAt, root.GetProperty("generatedAt").GetDateTimeOffset());
        var first = root.GetProperty("files")[0];
        Assert.Equal("contract.json", first.GetProperty("path").GetString());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("sha256").GetString());
        Assert.Equal(Files[0].Content.Length, first.GetProperty("size").GetInt64());
    }

    [Fact]
    public void A_file_changed_after_the_fact_is_named()
    {
        // Same length, different bytes: only the hash can tell.
        var sameLength = Tamper(Archive(), zip => Replace(zip, "versions/v1.json", Encoding.UTF8.GetBytes("{\"number\":2}")));
        Assert.Contains("versions/v1.json", Refused(sameLength).Message);

        var longer = Tamper(Archive(), zip => Replace(zip, "contract.json", Encoding.UTF8.GetBytes("{\"reference\":\"INF-2026-001\",\"x\":1}")));
        Assert.Contains("contract.json", Refused(longer).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var archive = Tamper(Archive(), zip => zip.GetEntry("inventory.csv")!.Delete());
        var error = Refused(archive);
        Assert.Contains("inventory.csv", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_named()
    {
        var archive = Tamper(Archive(), zip => Replace(zip, "documents/added-later.pdf", "%PDF-1.7"u8.ToArray()));
        Assert.Contains("documents/added-later.pdf", Refused(archive).Message);
    }

    [Fact]
    public void Without_a_valid_manifest_nothing_can_be_proved()
    {
        Assert.Contains("manifest.json", Refused(Tamper(Archive(), zip => zip.GetEntry("manifest.json")!.Delete())).Message);
        Assert.Contains("manifest.json", Refused(Tamper(Archive(), zip => Replace(zip, "manifest.json", "{ not json"u8.ToArray()))).Message);
        Assert.Contains("manifest.json", Refused(Tamper(Archive(), zip => Replace(zip, "manifest.json", "{\"format\":\"other/1\",\"files\":[]}"u8.ToArray()))).Message);
        Refused("this is not a zip at all"u8.ToArray());
    }

    [Fact]
    public void A_manifest_edited_to_match_a_tampered_file_must_still_list_safe_paths()
    {
        var manifest = """{"format":"infogerance-dossier/1","contractId":"0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b11","reference":"X","generatedAt":"2026-03-15T09:30:00+00:00","files":[{"path":"../escape.txt","size":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}""";
        var archive = Tamper(Archive([]), zip => Replace(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest)));
        Assert.Contains("../escape.txt", Refused(archive).Message);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.txt")]
    [InlineData("documents/../../outside.txt")]
    [InlineData("./contract.json")]
    [InlineData("C:/Windows/evil.dll")]
    [InlineData("documents\\pv.pdf")]
    [InlineData("documents//pv.pdf")]
    [InlineData("documents/")]
    [InlineData("")]
    [InlineData("manifest.json")]
    [InlineData("MANIFEST.JSON")]
    public void A_bad_path_is_refused_before_anything_is_written(string path)
    {
        using var buffer = new MemoryStream();
        Assert.Throws<ArgumentException>(() =>
            DossierArchive.Write(buffer, ContractId, "X", GeneratedAt, [new("ok.txt", [1]), new(path, [1, 2, 3])]));
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Two_files_with_the_same_path_are_refused_even_if_only_the_case_differs()
    {
        Assert.Throws<ArgumentException>(() => Archive([new("audit.json", [1]), new("audit.json", [2])]));
        Assert.Throws<ArgumentException>(() => Archive([new("audit.json", [1]), new("Audit.json", [2])]));
    }

    private static DossierPart Part(string prefix, IEnumerable<DossierFile> files, Guid? contractId = null, string reference = "INF-2026-001")
    {
        using var buffer = new MemoryStream();
        DossierArchive.Write(buffer, contractId ?? ContractId, reference, GeneratedAt.AddMinutes(-1), files);
        return new DossierPart(prefix, buffer.ToArray());
    }

    private static readonly DossierFile[] InvoicingFiles =
    [
        new("invoices/0195f3a2/invoice.json", Encoding.UTF8.GetBytes("{\"number\":\"FA-1\"}")),
        new("invoices/0195f3a2/original/facture.pdf", [.. "%PDF-1.7\n"u8, 0xE2, 0xE3]),
        new("statements/2026-02-issued.csv", [0xEF, 0xBB, 0xBF, .. "kind,key\r\n"u8]),
    ];

    private static readonly DossierFile[] IncidentsFiles = [new("tickets/12/ticket.json", Encoding.UTF8.GetBytes("{\"number\":12}")), new("outages.json", "[]"u8.ToArray())];

    private static byte[] Merged(params DossierPart[] parts)
    {
        using var buffer = new MemoryStream();
        DossierArchive.Merge(buffer, parts, GeneratedAt);
        return buffer.ToArray();
    }

    [Fact]
    public void Merged_parts_keep_the_first_at_the_root_and_the_others_under_their_folder_with_one_manifest()
    {
        var merged = Merged(Part("", Files, reference: "INF-2026-001"), Part("invoicing/", InvoicingFiles, reference: ""), Part("incidents/", IncidentsFiles));

        var (manifest, files) = DossierArchive.Read(new MemoryStream(merged));
        Assert.Equal((ContractId, "INF-2026-001", GeneratedAt), (manifest.ContractId, manifest.Reference, manifest.GeneratedAt));
        string[] expected =
        [
            .. Files.Select(f => f.Path), .. InvoicingFiles.Select(f => $"invoicing/{f.Path}"), .. IncidentsFiles.Select(f => $"incidents/{f.Path}"),
        ];
        Assert.Equal(expected, manifest.Files.Select(f => f.Path));
        foreach (var (prefix, part) in new[] { ("", Files), ("invoicing/", InvoicingFiles), ("incidents/", IncidentsFiles) })
        {
            foreach (var file in part)
            {
                Assert.Equal(file.Content, files[prefix + file.Path]);
                var entry = Assert.Single(manifest.Files, e => e.Path == prefix + file.Path);
                Assert.Equal((file.Content.LongLength, Convert.ToHexStringLower(SHA256.HashData(file.Content))), (entry.Size, entry.Sha256));
            }
        }

        // One manifest: the parts' own are not carried.
        using var zip = new ZipArchive(new MemoryStream(merged), ZipArchiveMode.Read);
        Assert.Equal(["manifest.json"], zip.Entries.Select(e => e.FullName).Where(name => name.EndsWith("manifest.json", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_path_two_parts_give_is_refused_before_anything_is_written()
    {
        using var buffer = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => DossierArchive.Merge(
            buffer, [Part("", [.. Files, new("Invoicing/outages.json", [1])]), Part("invoicing/", [new("outages.json", [2])])], GeneratedAt));
        Assert.Contains("outages.json", error.Message);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void A_part_that_does_not_prove_whole_is_named_and_nothing_is_written()
    {
        var tampered = Tamper(Part("invoicing/", InvoicingFiles).Archive, zip => Replace(zip, "statements/2026-02-issued.csv", "kind,key,x\r\n"u8.ToArray()));
        using var buffer = new MemoryStream();
        var error = Assert.Throws<InvalidDataException>(() => DossierArchive.Merge(buffer, [Part("", Files), new DossierPart("invoicing/", tampered)], GeneratedAt));
        Assert.Contains("invoicing/", error.Message);
        Assert.Contains("statements/2026-02-issued.csv", error.Message);
        Assert.Equal(0, buffer.Length);

        Assert.Contains("incidents/", Assert.Throws<InvalidDataException>(() =>
            Merged(Part("", Files), new DossierPart("incidents/", "<html>Bad gateway</html>"u8.ToArray()))).Message);
    }

    [Fact]
    public void A_part_of_another_contract_is_refused()
    {
        var other = Guid.Parse("0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b12");
        var error = Assert.Throws<InvalidDataException>(() => Merged(Part("", Files), Part("incidents/", IncidentsFiles, other)));
        Assert.Contains(other.ToString(), error.Message);
    }

    [Theory]
    [InlineData("invoicing")]
    [InlineData("/")]
    [InlineData("../")]
    public void A_prefix_that_is_not_a_relative_folder_is_refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => Merged(Part("", Files), Part(prefix, IncidentsFiles)));

    private enum Phase { Draft, TakeOver }

    private sealed record Row(Guid Id, string Category, Phase Phase, decimal Amount, int Delta, DateOnly Day, DateTimeOffset At, string? Note, bool Done, IReadOnlyList<string> Tags);

    [Fact]
    public void Csv_writes_camel_case_columns_invariant_values_and_a_byte_order_mark()
    {
        var id = Guid.Parse("0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b11");
        var bytes = DossierArchive.Csv([
            new Row(id, "Sécurité, PRA", Phase.TakeOver, 1234.50m, -5, new DateOnly(2026, 1, 31), new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero), null, true, ["a", "b"]),
            new Row(id, "=HYPERLINK(\"http://x\")", Phase.Draft, 0m, 0, new DateOnly(2026, 2, 1), GeneratedAt, "ligne 1\nligne 2", false, []),
        ]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("id,category,phase,amount,delta,day,at,note,done,tags", lines[0]);
        Assert.Equal($"{id},\"Sécurité, PRA\",takeOver,1234.50,-5,2026-01-31,2026-01-31T08:00:00.0000000+00:00,,true,\"[\"\"a\"\",\"\"b\"\"]\"", lines[1]);
        // Text that a spreadsheet would run as a formula is shown as text; -5 above stayed a number.
        Assert.StartsWith("0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b11,\"'=HYPERLINK(", lines[2]);
        Assert.Contains(",draft,0,0,2026-02-01,", lines[2]);
    }

    [Fact]
    public void Csv_of_no_rows_still_has_its_header()
    {
        var text = Encoding.UTF8.GetString(DossierArchive.Csv(Array.Empty<Row>()));
        Assert.Equal("\uFEFFid,category,phase,amount,delta,day,at,note,done,tags\r\n", text);
    }

    [Fact]
    public void Json_is_the_api_shape_indented()
    {
        var json = Encoding.UTF8.GetString(DossierArchive.Json(new { ContractId, Phase = Phase.TakeOver, Note = (string?)null, Day = new DateOnly(2026, 1, 31) }));

        Assert.Equal(
            """
            {
              "contractId": "0195f3a2-7c1e-7d3a-9b1e-2f4c6a8e0b11",
              "phase": "takeOver",
              "day": "2026-01-31"
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }
}
