using Infogerance.Validation;

namespace Infogerance.Documents;

/// <summary>What every file import says the same way, whatever it imports.</summary>
public static class ImportMessages
{
    public static readonly Message UnterminatedQuote = new(
        "import.csv.quoteNotClosed",
        "A quoted value is never closed.",
        "Une valeur entre guillemets n'est jamais refermée.");

    public static readonly Message MisplacedQuote = new(
        "import.csv.quoteMisplaced",
        "A quote (\") is misplaced; a value containing quotes must be enclosed in quotes, with inner quotes doubled.",
        "Un guillemet (\") est mal placé ; une valeur qui contient des guillemets doit être entourée de guillemets, ceux de l'intérieur doublés.");

    public static readonly Message NulCharacter = new(
        "import.value.nul",
        "A value holds the NUL character, which text may not contain.",
        "Une valeur contient le caractère NUL, qu'un texte ne peut pas contenir.");

    public static readonly Message NotXlsx = new(
        "import.file.notXlsx",
        "The file is not a readable Excel workbook (.xlsx).",
        "Le fichier n'est pas un classeur Excel lisible (.xlsx).");

    public static readonly Message ColumnMissing = new(
        "import.column.missing",
        "The column is missing from the header.",
        "La colonne manque dans l'en-tête.");

    public static readonly Message Required = new(
        "import.value.required",
        "This field is required.",
        "Ce champ est obligatoire.");

    public static readonly Message FormulaWithoutValue = new(
        "import.cell.formulaWithoutValue",
        "a formula without a saved value; paste the values instead.",
        "une formule sans valeur enregistrée ; collez plutôt les valeurs.");

    /// <summary>A heading given to two columns.</summary>
    public static Message ColumnTwice(string column) => new Message(
        "import.column.twice",
        $"the {column} column appears twice.",
        $"la colonne {column} apparaît deux fois.").With("column", column);

    /// <summary>A value in a column the header gives no name.</summary>
    public static Message ValueUnderNoHeading(string value) => new Message(
        "import.value.noHeading",
        $"a value under no heading (\"{Labels.Shorten(value)}\").",
        $"une valeur sous aucun intitulé (« {Labels.Shorten(value)} »).").With("value", value);

    public static Message TooLong(int max) => new Message(
        "import.value.tooLong",
        $"At most {max} characters.",
        $"{max} caractères au plus.").With("max", max);

    /// <param name="line">1-based, as an editor shows it.</param>
    /// <param name="position">1-based, in bytes from the start of the line.</param>
    public static Message NotJson(long line, long position) => new Message(
        "import.file.notJson",
        $"The file is not valid JSON (line {line}, position {position}).",
        $"Le fichier n'est pas un JSON valide (ligne {line}, position {position}).").With("line", line).With("position", position);

    /// <summary>The note under the whole file when more places have errors than are listed.</summary>
    public static Message MorePlaces(int count, int listed) => new Message(
        "import.errors.truncated",
        $"{count} places have errors: the first {listed} are listed. Correct them and import the file again.",
        $"{count} emplacements comportent des erreurs : les {listed} premiers sont listés. Corrigez-les et importez de nouveau le fichier.")
        .With("count", count).With("listed", listed);

    /// <summary>The same message starting with a small letter, for importers whose messages follow the field's name that way.</summary>
    public static Message LowerFirst(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { English = Lower(message.English), French = Lower(message.French) };
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
