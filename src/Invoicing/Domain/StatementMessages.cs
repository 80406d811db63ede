using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>What the statements' endpoints say to a person, in English and French.</summary>
public static class StatementMessages
{
    public const int MaxReasonLength = 2000;

    public static Message ReasonRequired { get; } = new Message(
            "statement.reason.required",
            $"A reason is required (at most {MaxReasonLength} characters).",
            $"Un motif est requis ({MaxReasonLength} caractères au plus).")
        .With("max", MaxReasonLength);

    public static Message FormatUnknown { get; } = new(
        "statement.format.unknown",
        "The export format is csv or xlsx.",
        "Le format d’export est csv ou xlsx.");

    public static Message DecisionUnknown { get; } = new(
        "statement.decision.unknown",
        "The answer is upheld or waived.",
        "La réponse est « upheld » (maintenue) ou « waived » (abandonnée).");

    public static Message Issued { get; } = new(
        "statement.issued",
        "This statement has been issued and is frozen: its lines are waived or contested only before issue; a change now goes into the next statement.",
        "Ce relevé a été émis et il est figé\u00A0: ses lignes ne s’abandonnent ou ne se contestent qu’avant l’émission\u00A0; un changement passe désormais dans le relevé suivant.");

    public static Message AlreadyWaived { get; } = new(
        "statement.line.waived",
        "This line has already been waived.",
        "Cette ligne a déjà été abandonnée.");

    public static Message AlreadyContested { get; } = new(
        "statement.line.contested",
        "This line has already been contested.",
        "Cette ligne a déjà été contestée.");

    public static Message NotContested { get; } = new(
        "statement.line.notContested",
        "This line is not contested: there is nothing to answer.",
        "Cette ligne n’est pas contestée\u00A0: il n’y a rien à répondre.");

    public static Message NothingToWaive { get; } = new(
        "statement.line.free",
        "This line costs nothing (it is within the franchise or no rule prices it): there is nothing to waive or contest.",
        "Cette ligne ne coûte rien (elle est dans la franchise ou aucune règle ne la tarife)\u00A0: il n’y a rien à abandonner ni à contester.");
}
