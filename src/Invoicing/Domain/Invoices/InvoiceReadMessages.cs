using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>What reading a provider's invoice file says, in English and French, beside what every import says (<see cref="ImportMessages"/>).</summary>
public static class InvoiceReadMessages
{
    public static Message Empty { get; } = new(
        "invoice.file.empty",
        "The file is empty.",
        "Le fichier est vide.");

    public static Message UnknownFormat { get; } = new(
        "invoice.file.unknownFormat",
        "The file is not an invoice we can read: send a Factur-X PDF, a CII or UBL 2.1 XML file, or a CSV file with the invoice columns.",
        "Le fichier n'est pas une facture lisible : envoyez un PDF Factur-X, un fichier XML CII ou UBL 2.1, ou un fichier CSV avec les colonnes de facture.");

    public static Message NotPdf { get; } = new(
        "invoice.file.notPdf",
        "The file is named or typed as a PDF but its content is not a PDF.",
        "Le fichier est nommé ou déclaré comme un PDF mais son contenu n'est pas un PDF.");

    public static Message PdfUnreadable { get; } = new(
        "invoice.pdf.unreadable",
        "The PDF cannot be read (damaged, or protected by a password).",
        "Le PDF ne peut pas être lu (endommagé, ou protégé par un mot de passe).");

    public static Message PdfTooLarge(long maxBytes) => new Message(
        "invoice.pdf.tooLarge",
        $"The PDF's content decodes to more than {maxBytes / (1024 * 1024)} MB: it cannot be an invoice.",
        $"Le contenu du PDF dépasse {maxBytes / (1024 * 1024)} Mo une fois décompressé : ce ne peut pas être une facture.").With("maxBytes", maxBytes);

    public static Message NoEmbeddedInvoice { get; } = new(
        "invoice.pdf.noEmbeddedInvoice",
        "The PDF carries no invoice XML (factur-x.xml): send the Factur-X PDF, or the invoice as XML or CSV.",
        "Le PDF ne contient aucune facture XML (factur-x.xml) : envoyez le PDF Factur-X, ou la facture en XML ou en CSV.");

    public static Message DoctypeRefused { get; } = new(
        "invoice.xml.doctype",
        "XML files with a document type declaration (<!DOCTYPE …>) are refused; an invoice needs none.",
        "Les fichiers XML comportant une déclaration de type de document (<!DOCTYPE …>) sont refusés ; une facture n'en a pas besoin.");

    /// <param name="line">1-based, as an editor shows it.</param>
    /// <param name="position">1-based, in characters from the start of the line.</param>
    public static Message NotXml(int line, int position) => new Message(
        "invoice.xml.malformed",
        $"The file is not well-formed XML (line {line}, position {position}).",
        $"Le fichier n'est pas un XML bien formé (ligne {line}, position {position}).").With("line", line).With("position", position);

    public static Message UnknownXml(string root) => new Message(
        "invoice.xml.unknownRoot",
        $"The XML document is a \"{Labels.Shorten(root)}\": an invoice is a CII CrossIndustryInvoice or a UBL 2.1 Invoice or CreditNote.",
        $"Le document XML est un « {Labels.Shorten(root)} » : une facture est un CrossIndustryInvoice CII ou un Invoice ou CreditNote UBL 2.1.").With("root", root);

    public static Message ProfileWithoutLines(string profile) => new Message(
        "invoice.xml.profileWithoutLines",
        $"The profile \"{Labels.Shorten(profile)}\" (Factur-X MINIMUM or BASIC WL) carries no invoice lines: send the invoice in the BASIC, EN 16931 or EXTENDED profile.",
        $"Le profil « {Labels.Shorten(profile)} » (Factur-X MINIMUM ou BASIC WL) ne porte pas les lignes de la facture : envoyez-la au profil BASIC, EN 16931 ou EXTENDED.").With("profile", profile);

    public static Message NotNumber(string value) => new Message(
        "invoice.value.notNumber",
        $"\"{Labels.Shorten(value)}\" is not a number (digits, a decimal point, e.g. 1250.50).",
        $"« {Labels.Shorten(value)} » n'est pas un nombre (des chiffres, un point décimal, par exemple 1250.50).").With("value", value);

    public static Message NotCsvNumber(string value) => new Message(
        "invoice.value.notNumber",
        $"\"{Labels.Shorten(value)}\" is not a number (e.g. 1250.50 or 1 250,50).",
        $"« {Labels.Shorten(value)} » n'est pas un nombre (par exemple 1250.50 ou 1 250,50).").With("value", value);

    /// <param name="expected">How the date must be written, the same in both languages ("yyyy-MM-dd").</param>
    public static Message NotDate(string value, string expected) => new Message(
        "invoice.value.notDate",
        $"\"{Labels.Shorten(value)}\" is not a date written {expected}.",
        $"« {Labels.Shorten(value)} » n'est pas une date écrite {expected}.").With("value", value).With("expected", expected);

    public static Message NotIndicator(string value) => new Message(
        "invoice.value.notIndicator",
        $"\"{Labels.Shorten(value)}\" is neither true nor false.",
        $"« {Labels.Shorten(value)} » n'est ni true ni false.").With("value", value);

    public static Message NumberOutOfRange { get; } = new Message(
            "invoice.value.outOfRange",
            "The value is beyond what an invoice states (at most 1,000,000,000,000,000, plus or minus).",
            "La valeur dépasse ce qu'indique une facture (1 000 000 000 000 000 au plus, en plus ou en moins).")
        .With("max", InvoiceReaders.MaxNumber);

    public static Message VatRateOutOfRange { get; } = new(
        "invoice.vatRate.outOfRange",
        "A VAT rate is a percentage from 0 to 100.",
        "Un taux de TVA est un pourcentage de 0 à 100.");

    public static Message NotPositive { get; } = new(
        "invoice.value.notPositive",
        "The value must be greater than zero.",
        "La valeur doit être supérieure à zéro.");

    public static Message UnknownTypeCode(string code) => new Message(
        "invoice.typeCode.unknown",
        $"The document type {Labels.Shorten(code)} is not read here: 380 (invoice), 381 (credit note) or 384 (corrected invoice).",
        $"Le type de document {Labels.Shorten(code)} n'est pas lu ici : 380 (facture), 381 (avoir) ou 384 (facture rectificative).").With("code", code);

    public static Message CorrectionWithoutPreceding { get; } = new(
        "invoice.precedingInvoice.required",
        "A corrected invoice (384) must name the invoice it corrects.",
        "Une facture rectificative (384) doit indiquer la facture qu'elle rectifie.");

    public static Message PeriodReversed { get; } = new(
        "invoice.period.reversed",
        "The period ends before it starts.",
        "La période se termine avant de commencer.");

    public static Message NoLines { get; } = new(
        "invoice.lines.none",
        "The invoice has no line.",
        "La facture ne comporte aucune ligne.");

    public static Message CsvNoHeader { get; } = new(
        "invoice.csv.noHeader",
        "The first line must be the header naming the columns (number, issueDate, seller, buyer, description, quantity, unitPrice, netAmount, vatRate…).",
        "La première ligne doit être l'en-tête qui nomme les colonnes (number, issueDate, seller, buyer, description, quantity, unitPrice, netAmount, vatRate… ou numéro, date, vendeur, acheteur, libellé, quantité, prix unitaire, montant HT, taux TVA…).");

    public static Message CsvEmpty { get; } = new(
        "invoice.csv.empty",
        "The file has a header but no invoice line.",
        "Le fichier a un en-tête mais aucune ligne de facture.");

    public static Message CsvTooManyLines(int max) => new Message(
        "invoice.csv.tooManyLines",
        $"The file has more than {max} lines.",
        $"Le fichier compte plus de {max} lignes.").With("max", max);

    public static Message CsvUnknownColumn(string label) => new Message(
        "invoice.csv.column.unknown",
        $"\"{Labels.Shorten(label)}\" is not an invoice column.",
        $"« {Labels.Shorten(label)} » n'est pas une colonne de facture.").With("label", label);

    /// <summary>A document-level value (number, date, parties…) that differs from the one on the first line: one file is one invoice.</summary>
    public static Message CsvDiffersFromFirstLine(int firstLine, string firstValue) => new Message(
        "invoice.csv.differsFromFirstLine",
        firstValue.Length == 0
            ? $"left empty on line {firstLine}, the first line, and given here: a file is one invoice, whose fields are on its first line."
            : $"differs from \"{Labels.Shorten(firstValue)}\" on line {firstLine}: a file is one invoice; leave the field empty or repeat it as it is.",
        firstValue.Length == 0
            ? $"vide à la ligne {firstLine}, la première, et donnée ici : un fichier est une seule facture, dont les champs sont sur la première ligne."
            : $"diffère de « {Labels.Shorten(firstValue)} » à la ligne {firstLine} : un fichier est une seule facture ; laissez le champ vide ou répétez-le tel quel.")
        .With("firstLine", firstLine).With("firstValue", firstValue);

    public static Message CsvUnknownKind(string value) => new Message(
        "invoice.csv.kind.unknown",
        $"\"{Labels.Shorten(value)}\" is not a document kind: invoice, creditNote or correctedInvoice (facture, avoir, facture rectificative; 380, 381, 384).",
        $"« {Labels.Shorten(value)} » n'est pas un type de document : facture, avoir ou facture rectificative (invoice, creditNote, correctedInvoice ; 380, 381, 384).").With("value", value);

    public static Message CsvUnknownLineKind(string value) => new Message(
        "invoice.csv.lineKind.unknown",
        $"\"{Labels.Shorten(value)}\" is not a line kind: monthlyFee, workUnit, evolution, penaltyCredit or other.",
        $"« {Labels.Shorten(value)} » n'est pas un type de ligne : redevance, UO, évolution, pénalité ou autre (monthlyFee, workUnit, evolution, penaltyCredit, other).").With("value", value);

    public static Message CsvNotLineNumber(string value) => new Message(
        "invoice.csv.line.notNumber",
        $"\"{Labels.Shorten(value)}\" is not a line number (a whole number from 1).",
        $"« {Labels.Shorten(value)} » n'est pas un numéro de ligne (un entier à partir de 1).").With("value", value);

    public static Message CsvLineNumberTwice(int number) => new Message(
        "invoice.csv.line.twice",
        $"the invoice line number {number} is given twice.",
        $"le numéro de ligne de facture {number} est donné deux fois.").With("number", number);
}
