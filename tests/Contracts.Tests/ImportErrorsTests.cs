using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Contracts.Tests;

/// <summary>The import errors and label spellings every importer shares.</summary>
public sealed class ImportErrorsTests
{
    private static readonly Message Known = new("test.known", "Choose a or b.", "Choisissez a ou b.");

    private static Dictionary<string, string[]> English(ImportErrors errors) => Languages.In(Languages.English, errors.ToDictionary);

    private static Dictionary<string, string[]> French(ImportErrors errors) => Languages.In(Languages.French, errors.ToDictionary);

    [Theory]
    [InlineData("Base de données", "basededonnees")]
    [InlineData("base_de_donnees", "basededonnees")]
    [InlineData("BaseDeDonnées", "basededonnees")]
    [InlineData("  EN-ATTENTE du\tclient ", "enattenteduclient")]
    [InlineData("Côté d'attente", "cotedattente")]
    [InlineData("Côté d’attente", "cotedattente")]
    [InlineData("Date/Heure", "date/heure")]
    public void A_label_key_ignores_case_accents_spaces_dashes_underscores_and_both_apostrophes(string label, string key) =>
        Assert.Equal(key, Labels.Key(label));

    [Fact]
    public void Aliases_give_the_code_of_any_spelling_and_keep_unknown_values_for_the_rules()
    {
        var aliases = new LabelAliases(("fileShare", ["fileshare", "partage de fichiers"]), ("other", ["other", "autre"]));

        Assert.Equal("fileShare", aliases.CodeOf("Partage-de_Fichiers"));
        Assert.Equal("fileShare", aliases.CodeOf("FILE SHARE"));
        Assert.Null(aliases.CodeOf("printer"));
        Assert.Null(aliases.CodeOf(null));
        Assert.Equal("printer", aliases.Normalise("printer"));
        Assert.Equal("other", aliases.Normalise("Autre"));
        Assert.True(aliases.Knows("AUTRE"));
        Assert.Equal(["fileShare", "other"], aliases.Codes);
    }

    [Fact]
    public void A_long_value_is_quoted_shortened()
    {
        Assert.Equal("short", Labels.Shorten("short"));
        Assert.Equal(new string('x', Labels.QuotedLength) + "…", Labels.Shorten(new string('x', 80)));
    }

    [Fact]
    public void Line_errors_are_prefixed_by_their_field_and_only_the_first_of_a_field_is_kept()
    {
        var errors = new ImportErrors();
        var line = FilePlace.Line(3);

        errors.Add(line, "status", Known);
        errors.Add(line, "status", ImportMessages.Required);
        errors.Add(line, FilePlace.Column(7), ImportMessages.ValueUnderNoHeading("x"));
        errors.Add(line, "", ImportMessages.UnterminatedQuote);

        Assert.Equal(["line 3"], errors.Keys);
        Assert.Equal(
            ["status: Choose a or b.", "column 7: a value under no heading (\"x\").", "A quoted value is never closed."],
            English(errors)["line 3"]);
        Assert.Equal(
            ["status : Choisissez a ou b.", "column 7 : une valeur sous aucun intitulé (« x »).", "Une valeur entre guillemets n'est jamais refermée."],
            French(errors)["line 3"]);
        Assert.Equal(["test.known", "import.value.noHeading", "import.csv.quoteNotClosed"], errors["line 3"].Select(m => m.Code));
        Assert.Equal("status", errors["line 3"][0].Parameters["field"]);
    }

    [Fact]
    public void A_JSON_path_takes_the_field_in_its_key_and_keeps_its_first_error()
    {
        var errors = new ImportErrors();
        var ticket = FilePlace.Json("tickets[2]", 10);

        errors.Add(ticket, "title", ImportMessages.TooLong(200));
        errors.Add(ticket, "title", ImportMessages.Required);
        errors.Add(ticket, "", Known);

        Assert.Equal(["tickets[2].title", "tickets[2]"], errors.Keys);
        Assert.Equal(["At most 200 characters."], English(errors)["tickets[2].title"]);
        Assert.Equal(["200 caractères au plus."], French(errors)["tickets[2].title"]);
    }

    [Fact]
    public void Errors_come_in_the_order_of_the_file_the_whole_file_first()
    {
        var errors = new ImportErrors();
        errors.Add(FilePlace.Line(9), "a", Known);
        errors.Add(FilePlace.Line(2), "b", Known);
        errors.AddFile(ImportMessages.NotXlsx);
        errors.Add(FilePlace.Line(9), "c", Known);

        Assert.Equal(["file", "line 2", "line 9"], English(errors).Keys);
        Assert.Equal(["file", "line 2", "line 9"], errors.ToFieldErrors().Fields);
        Assert.Equal(["a: Choose a or b.", "c: Choose a or b."], English(errors)["line 9"]);
    }

    [Fact]
    public void Beyond_the_limit_the_first_places_are_listed_and_the_file_says_how_many_have_errors()
    {
        var errors = new ImportErrors(maxPlaces: 3);
        for (var line = 1; line <= 5; line++)
        {
            errors.Add(FilePlace.Line(line), "x", Known);
        }

        var answer = English(errors);

        Assert.Equal(["line 1", "line 2", "line 3", "file"], answer.Keys);
        Assert.Equal(["5 places have errors: the first 3 are listed. Correct them and import the file again."], answer["file"]);
        Assert.Equal(
            ["5 emplacements comportent des erreurs : les 3 premiers sont listés. Corrigez-les et importez de nouveau le fichier."],
            French(errors)["file"]);
        var note = Assert.Single(errors.ToFieldErrors()["file"]);
        Assert.Equal(("import.errors.truncated", 5, 3), (note.Code, note.Parameters["count"], note.Parameters["listed"]));
    }

    [Fact]
    public void A_place_is_named_in_the_readers_language_its_key_is_not()
    {
        var line = FilePlace.Line(12);

        Assert.Equal(("line 12", "line 12", "ligne 12", 12), (line.Key, line.English, line.French, line.LineNumber));
        Assert.Equal(("tickets[3]", "tickets[3]"), (FilePlace.Json("tickets[3]", 0).English, FilePlace.Json("tickets[3]", 0).French));
        Assert.Equal("line 4", FilePlace.LineKey(4));
    }

    [Fact]
    public void Errors_become_the_field_errors_a_422_answers()
    {
        var errors = ImportErrors.OfFile(ImportMessages.NotJson(1, 14));

        FieldErrors fieldErrors = errors;

        Assert.Equal(1, fieldErrors.MessageCount);
        Assert.Equal("import.file.notJson", fieldErrors["file"][0].Code);
        Assert.Equal("Le fichier n'est pas un JSON valide (ligne 1, position 14).", fieldErrors["file"][0].French);
    }
}
