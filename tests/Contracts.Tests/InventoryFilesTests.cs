using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Infogerance.Contracts.Domain;
using Infogerance.Contracts.Files;
using Infogerance.Validation;

namespace Infogerance.Contracts.Tests;

public sealed class InventoryFilesTests
{
    private static InventoryFileResult ReadCsv(string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return ReadCsv(byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    private static InventoryFileResult ReadCsv(byte[] bytes) => InventoryFiles.Read(new MemoryStream(bytes), InventoryFileFormat.Csv);

    private static InventoryFileResult ReadXlsx(byte[] bytes) => InventoryFiles.Read(new MemoryStream(bytes), InventoryFileFormat.Xlsx);

    /// <summary>The errors as the API answers them to an English-speaking caller.</summary>
    private static Dictionary<string, string[]> Errors(InventoryFileResult result) => Languages.In(Languages.English, result.Errors.ToDictionary);

    private static Dictionary<string, string[]> French(InventoryFileResult result) => Languages.In(Languages.French, result.Errors.ToDictionary);

    private static byte[] Xlsx(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add("Feuil1"));
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    [Theory]
    [InlineData("inventaire.csv", InventoryFileFormat.Csv)]
    [InlineData("EXPORT.CSV", InventoryFileFormat.Csv)]
    [InlineData("dossier/inventaire.xlsx", InventoryFileFormat.Xlsx)]
    [InlineData("old.xls", null)]
    [InlineData("inventaire", null)]
    [InlineData("inventaire.csv.exe", null)]
    public void The_format_comes_from_the_extension(string fileName, InventoryFileFormat? format) =>
        Assert.Equal(format, InventoryFiles.FormatOf(fileName));

    [Fact]
    public void Reads_a_comma_separated_file()
    {
        var result = ReadCsv("type,name,quantity,criticality,location\nserver,SRV-01,2,high,Salle A\r\ndatabase,PostgreSQL,1,critical,\n");

        Assert.Empty(Errors(result));
        Assert.Equal(
            [new InventoryItemInput("server", "SRV-01", 2, "high", "Salle A"), new InventoryItemInput("database", "PostgreSQL", 1, "critical", null)],
            result.Items);
    }

    [Fact]
    public void Reads_what_French_Excel_writes_semicolons_French_headers_and_labels()
    {
        var result = ReadCsv(
            """
            Type;Nom;Quantité;Criticité;Emplacement
            Serveur;SRV-01;2;Haute;Salle A
            Poste de travail;Portables;40;faible;Siège
            Réseau;Cœur de réseau;1;Élevée;
            Logiciel;Suite bureautique;40;moyenne;
            Licence;Windows Server;4;Moyenne;
            Partage de fichiers;\\nas\compta;1;critique;
            Base de données;SQL compta;1;CRITIQUE;
            Autre;Imprimante;3;basse;
            """,
            byteOrderMark: true);

        Assert.Empty(Errors(result));
        Assert.Equal(["server", "workstation", "network", "software", "licence", "fileShare", "database", "other"], result.Items.Select(i => i.Type));
        Assert.Equal(["high", "low", "high", "medium", "medium", "critical", "critical", "low"], result.Items.Select(i => i.Criticality));
        Assert.Equal(new InventoryItemInput("workstation", "Portables", 40, "low", "Siège"), result.Items[1]);
        Assert.Equal(@"\\nas\compta", result.Items[5].Name);
    }

    [Theory]
    [InlineData("file share")]
    [InlineData("fileshare")]
    [InlineData("fileShare")]
    [InlineData("FILE SHARE")]
    [InlineData("file_share")]
    [InlineData("partage de fichiers")]
    public void File_share_has_many_spellings(string label)
    {
        var result = ReadCsv($"type,name,quantity,criticality\n{label},Compta,1,low\n");
        Assert.Empty(Errors(result));
        Assert.Equal("fileShare", Assert.Single(result.Items).Type);
    }

    [Fact]
    public void A_byte_order_mark_does_not_spoil_the_first_heading()
    {
        var result = ReadCsv("type,name,quantity,criticality,location\nserver,A,1,low,\n", byteOrderMark: true);
        Assert.Empty(Errors(result));
        Assert.Single(result.Items);
    }

    [Fact]
    public void Quoted_fields_keep_separators_quotes_and_line_breaks()
    {
        var result = ReadCsv("type,name,quantity,criticality,location\n\"software\",\"Sage, comptabilité \"\"i7\"\"\",3,medium,\"Bât. B\n2e étage\"\nserver,X,1,low,\n");

        Assert.Empty(Errors(result));
        Assert.Equal(new InventoryItemInput("software", "Sage, comptabilité \"i7\"", 3, "medium", "Bât. B\n2e étage"), result.Items[0]);
        Assert.Equal("X", result.Items[1].Name);
    }

    [Fact]
    public void Columns_come_in_any_order_and_case_and_location_may_be_left_out()
    {
        var result = ReadCsv("NAME,Criticality,Quantity,TYPE\nSRV-01,high,2,Server\n");
        Assert.Empty(Errors(result));
        Assert.Equal(new InventoryItemInput("server", "SRV-01", 2, "high", null), Assert.Single(result.Items));
    }

    [Fact]
    public void A_bad_line_is_reported_by_its_line_number_and_the_others_still_read()
    {
        var result = ReadCsv(
            "type,name,quantity,criticality,location\n" +    // line 1
            "server,SRV-01,2,high,\n" +                      // line 2
            "\n" +                                          // line 3: blank lines still count
            "printer,,0,high,\n" +                           // line 4: three problems
            ";;;;\n" +                                       // line 5: one field of semicolons, not blank
            ",,,,\n" +                                       // line 6: blank cells only, skipped
            "network,Switch,\"3\",low,Baie 1\n");            // line 7

        Assert.Equal(["line 4", "line 5"], Errors(result).Keys);
        Assert.Equal(
            ["type: The type must be one of server, workstation, network, software, licence, fileShare, database, other.", "name: The name is required.", "quantity: The quantity is a whole number from 1 to 1,000,000."],
            Errors(result)["line 4"]);
        Assert.Equal(["SRV-01", "Switch"], result.Items.Select(i => i.Name));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData("2,5")]
    [InlineData("1e3")]
    public void A_quantity_that_is_not_a_whole_number_is_an_error_of_its_line(string quantity)
    {
        var result = ReadCsv($"type;name;quantity;criticality\nserver;A;{quantity};low\nserver;B;1;low\n");

        Assert.Equal([$"quantity: \"{quantity}\" is not a whole number."], Errors(result)["line 2"]);
        Assert.Equal("B", Assert.Single(result.Items).Name);
    }

    [Fact]
    public void A_huge_quantity_is_out_of_range_rather_than_unreadable()
    {
        var result = ReadCsv("type,name,quantity,criticality\nserver,A,99999999999,low\n");
        Assert.Equal(["quantity: The quantity is a whole number from 1 to 1,000,000."], Errors(result)["line 2"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("server,SRV-01,2,high,\n")]
    [InlineData("hello world\n")]
    public void Without_a_header_the_file_is_refused(string text)
    {
        var result = ReadCsv(text);
        Assert.Equal(["file"], Errors(result).Keys);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void An_unknown_column_is_an_error_of_the_header_line()
    {
        var result = ReadCsv("\ntype,name,quantity,criticality,location,cost\nserver,A,1,low,,1200\n");

        Assert.Equal(["line 2"], Errors(result).Keys);
        Assert.Contains("column 6", Assert.Single(Errors(result)["line 2"]));
        Assert.Empty(result.Items);
    }

    [Fact]
    public void A_missing_or_doubled_column_is_an_error_of_the_header_line()
    {
        var result = ReadCsv("type,name,nom,criticality\nserver,A,B,low\n");

        Assert.Equal(["column 3: the name column appears twice.", "quantity: the column is missing from the header."], Errors(result)["line 1"]);
    }

    [Fact]
    public void A_value_beyond_the_header_is_an_error_of_its_line()
    {
        var result = ReadCsv("type,name,quantity,criticality,location\nserver,Sage, compta,1,low,Siège\n");
        Assert.Contains(Errors(result)["line 2"], m => m.StartsWith("column 6:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misplaced_quote_is_an_error_of_its_line()
    {
        var result = ReadCsv("type,name,quantity,criticality\nserver,\"SRV\"01,1,low\nserver,B,1,low\n");
        Assert.Contains(Errors(result)["line 2"], m => m.StartsWith("line:", StringComparison.Ordinal));
        Assert.Equal("B", Assert.Single(result.Items).Name);
    }

    [Fact]
    public void Up_to_MaxLines_lines_are_read_and_one_more_refuses_the_file()
    {
        static string File(int lines) =>
            "type,name,quantity,criticality\n" + string.Concat(Enumerable.Range(1, lines).Select(i => $"workstation,PC-{i},1,low\n"));

        var full = ReadCsv(File(InventoryFiles.MaxLines) + "\n\n");
        Assert.Empty(Errors(full));
        Assert.Equal(InventoryFiles.MaxLines, full.Items.Count);

        var over = ReadCsv(File(InventoryFiles.MaxLines + 1));
        Assert.Equal(["file"], Errors(over).Keys);
        Assert.Empty(over.Items);
    }

    [Fact]
    public void A_Windows_1252_file_from_old_Excel_keeps_its_accents()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var result = ReadCsv(windows1252.GetBytes("type;nom;quantité;criticité;emplacement\nréseau;Cœur;1;élevée;Salle données\n"));

        Assert.Empty(Errors(result));
        Assert.Equal(new InventoryItemInput("network", "Cœur", 1, "high", "Salle données"), Assert.Single(result.Items));
    }

    [Fact]
    public void Reads_a_workbook_made_in_a_spreadsheet()
    {
        var bytes = Xlsx(sheet =>
        {
            sheet.Cell(1, 1).SetValue("Nom");
            sheet.Cell(1, 2).SetValue("Quantité");
            sheet.Cell(1, 3).SetValue("Type");
            sheet.Cell(1, 4).SetValue("Criticité");
            sheet.Cell(1, 5).SetValue("Emplacement");
            sheet.Cell(2, 1).SetValue("SRV-01");
            sheet.Cell(2, 2).SetValue(2);
            sheet.Cell(2, 3).SetValue("Serveur");
            sheet.Cell(2, 4).SetValue("haute");
            // row 3 left blank
            sheet.Cell(4, 1).SetValue("0042");
            sheet.Cell(4, 2).SetValue(2.5);
            sheet.Cell(4, 3).SetValue("Poste de travail");
            sheet.Cell(4, 4).SetValue("faible");
            sheet.Cell(5, 1).SetValue("NAS");
            sheet.Cell(5, 2).SetValue("12");
            sheet.Cell(5, 3).SetValue("file share");
            sheet.Cell(5, 4).SetValue("critique");
            sheet.Cell(5, 5).SetValue("Salle B");
        });

        var result = ReadXlsx(bytes);

        Assert.Equal(["line 4"], Errors(result).Keys);
        Assert.Equal(["quantity: \"2.5\" is not a whole number."], Errors(result)["line 4"]);
        Assert.Equal(
            [new InventoryItemInput("server", "SRV-01", 2, "high", null), new InventoryItemInput("fileShare", "NAS", 12, "critical", "Salle B")],
            result.Items);
    }

    private static byte[] WorkbookWithFormulas(bool savedValues)
    {
        var bytes = Xlsx(sheet =>
        {
            string[] headings = ["type", "name", "quantity", "criticality"];
            for (var i = 0; i < headings.Length; i++)
            {
                sheet.Cell(1, i + 1).SetValue(headings[i]);
            }

            sheet.Cell(2, 1).SetValue("server");
            sheet.Cell(2, 2).FormulaA1 = "CONCATENATE(\"SRV-\",\"01\")";
            sheet.Cell(2, 3).FormulaA1 = "3*4";
            sheet.Cell(2, 4).SetValue("low");
        });
        if (!savedValues)
        {
            return bytes;
        }

        // ClosedXML saves formulas without their values; Excel saves both. Add the values as Excel would.
        using var buffer = new MemoryStream();
        buffer.Write(bytes);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            xml = xml
                .Replace("<x:c r=\"B2\" s=\"0\"><x:f>CONCATENATE(\"SRV-\",\"01\")</x:f>", "<x:c r=\"B2\" s=\"0\" t=\"str\"><x:f>CONCATENATE(\"SRV-\",\"01\")</x:f><x:v>SRV-01</x:v>", StringComparison.Ordinal)
                .Replace("<x:f>3*4</x:f>", "<x:f>3*4</x:f><x:v>12</x:v>", StringComparison.Ordinal);
            Assert.Contains("<x:v>SRV-01</x:v>", xml);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }

        return buffer.ToArray();
    }

    [Fact]
    public void A_formula_is_read_at_the_value_the_spreadsheet_saved()
    {
        var result = ReadXlsx(WorkbookWithFormulas(savedValues: true));
        Assert.Empty(Errors(result));
        Assert.Equal(new InventoryItemInput("server", "SRV-01", 12, "low", null), Assert.Single(result.Items));
    }

    [Fact]
    public void A_formula_without_a_saved_value_is_an_error_of_its_line_not_an_exception()
    {
        var result = ReadXlsx(WorkbookWithFormulas(savedValues: false));
        Assert.Equal(
            ["column 2: a formula without a saved value; paste the values instead.", "column 3: a formula without a saved value; paste the values instead."],
            Errors(result)["line 2"]);
    }

    [Fact]
    public void A_workbook_without_a_header_or_with_an_extra_column_is_refused()
    {
        var empty = ReadXlsx(Xlsx(_ => { }));
        Assert.Equal(["file"], Errors(empty).Keys);

        var extra = ReadXlsx(Xlsx(sheet =>
        {
            string[] headings = ["type", "name", "quantity", "criticality", "location", "owner"];
            for (var i = 0; i < headings.Length; i++)
            {
                sheet.Cell(3, i + 1).SetValue(headings[i]);
            }
        }));
        Assert.Equal(["line 3"], Errors(extra).Keys);
    }

    [Fact]
    public void A_corrupt_workbook_is_an_error_of_the_file()
    {
        var notZip = ReadXlsx(Encoding.UTF8.GetBytes("type,name,quantity,criticality\nserver,A,1,low\n"));
        Assert.Equal(["file"], Errors(notZip).Keys);

        var truncated = Xlsx(sheet => sheet.Cell(1, 1).SetValue("type"));
        Assert.Equal(["file"], Errors(ReadXlsx(truncated[..(truncated.Length / 2)])).Keys);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        Assert.Equal(["file"], Errors(ReadXlsx(zip.ToArray())).Keys);
    }

    public static TheoryData<InventoryFileFormat> Formats => [InventoryFileFormat.Csv, InventoryFileFormat.Xlsx];

    private static readonly InventoryItemInput[] Awkward =
    [
        new("server", "SRV-01", 2, "high", "Salle A"),
        new("workstation", "Portables « direction »", 40, "low", null),
        new("network", "Switch, cœur \"Cisco\"", 1, "critical", "Baie 1\nrangée 2"),
        new("software", "0042", 1_000_000, "medium", "2024-01-01"),
        new("licence", "=SUM(A1:A9)", 1, "medium", "+33 1 23 45 67 89"),
        new("fileShare", "-spare", 3, "low", "@home"),
        new("database", "TRUE", 1, "critical", "12:30"),
        new("other", "1e5", 7, "high", "Bât. C; 2e étage"),
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_written_file_reads_back_to_the_same_items(InventoryFileFormat format)
    {
        using var file = new MemoryStream();
        InventoryFiles.Write(Awkward, format, file);

        var result = InventoryFiles.Read(new MemoryStream(file.ToArray()), format);

        Assert.Empty(Errors(result));
        Assert.Equal(Awkward, result.Items);
    }

    [Fact]
    public void The_csv_export_is_comma_separated_UTF8_with_a_byte_order_mark_and_safe_to_open()
    {
        using var file = new MemoryStream();
        InventoryFiles.Write(Awkward.Take(5), InventoryFileFormat.Csv, file);
        var bytes = file.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("type,name,quantity,criticality,location\r\nserver,SRV-01,2,high,Salle A\r\n", text);
        // A spreadsheet would run these as formulas: the export shows them as text.
        Assert.Contains("'=SUM(A1:A9)", text);
        Assert.Contains("'+33 1 23 45 67 89", text);
    }

    [Fact]
    public void The_xlsx_export_has_a_bold_header_on_a_sheet_named_Inventory()
    {
        using var file = new MemoryStream();
        InventoryFiles.Write(Awkward, InventoryFileFormat.Xlsx, file);

        using var workbook = new XLWorkbook(new MemoryStream(file.ToArray()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Inventory", sheet.Name);
        Assert.Equal(["type", "name", "quantity", "criticality", "location"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.False(sheet.Cell(2, 1).Style.Font.Bold);
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        Assert.Equal(XLDataType.Text, sheet.Cell(5, 2).DataType);   // "0042" stays text
        Assert.Equal("0042", sheet.Cell(5, 2).GetString());
    }

    [Fact]
    public void Writing_nothing_gives_a_header_that_reads_back_empty()
    {
        foreach (var format in new[] { InventoryFileFormat.Csv, InventoryFileFormat.Xlsx })
        {
            using var file = new MemoryStream();
            InventoryFiles.Write([], format, file);
            var result = InventoryFiles.Read(new MemoryStream(file.ToArray()), format);
            Assert.Empty(Errors(result));
            Assert.Empty(result.Items);
        }
    }

    [Fact]
    public void A_bad_line_is_answered_in_French_under_the_same_key_with_the_same_codes()
    {
        var result = ReadCsv("type;name;quantity;criticality\nserver;A;2,5;low\nserver;\"B\"x;1;low\n");

        Assert.Equal(Errors(result).Keys, French(result).Keys);
        Assert.Equal(["quantity : « 2,5 » n'est pas un nombre entier."], French(result)["line 2"]);
        var message = Assert.Single(result.Errors["line 2"]);
        Assert.Equal(("inventory.quantity.notWholeNumber", "2,5", "quantity"), (message.Code, message.Parameters["value"], message.Parameters["field"]));
        Assert.Equal(
            ["line : un guillemet (\") est mal placé ; une valeur qui contient des guillemets doit être entourée de guillemets, ceux de l'intérieur doublés."],
            French(result)["line 3"]);
        Assert.Equal("import.csv.quoteMisplaced", Assert.Single(result.Errors["line 3"]).Code);
    }

    [Fact]
    public void A_bad_header_is_answered_in_French()
    {
        var result = ReadCsv("type,nom,name,criticité,coût\nserver,A,B,low,1\n");

        Assert.Equal(
            ["column 3 : la colonne name apparaît deux fois.",
             "column 5 : « coût » n'est pas une colonne de l'état des lieux (type, nom, quantité, criticité, emplacement).",
             "quantity : la colonne manque dans l'en-tête."],
            French(result)["line 1"].Order(StringComparer.Ordinal));
        Assert.Equal(["import.column.twice", "inventory.column.unknown", "import.column.missing"], result.Errors["line 1"].Select(m => m.Code));
    }

    [Fact]
    public void A_file_refused_as_a_whole_is_answered_in_French()
    {
        var notWorkbook = ReadXlsx(Encoding.UTF8.GetBytes("type,name\n"));
        Assert.Equal(["Le fichier n'est pas un classeur Excel lisible (.xlsx)."], French(notWorkbook)["file"]);
        Assert.Equal("import.file.notXlsx", Assert.Single(notWorkbook.Errors["file"]).Code);

        var empty = ReadCsv("");
        Assert.Equal("inventory.file.empty", Assert.Single(empty.Errors["file"]).Code);
        Assert.StartsWith("Le fichier est vide : la première ligne doit être l'en-tête", French(empty)["file"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_typographic_apostrophe_in_a_label_is_ignored_like_a_straight_one()
    {
        var result = ReadCsv("type,name,quantity,criticality\nposte de travail,A,1,low\npostes-de’travail,B,1,low\n");

        Assert.Empty(Errors(result));
        Assert.Equal(["workstation", "workstation"], result.Items.Select(i => i.Type));
    }
}
