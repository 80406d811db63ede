using System.Globalization;
using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

/// <summary>What the Incidents service says to people about tickets, in English and French, each with its stable code.</summary>
public static class TicketMessages
{
    public static readonly Message Required = new("text.required", "This field is required.", "Ce champ est obligatoire.");

    public static Message TooLong(int max) => new Message(
        "text.length", $"At most {max} characters.", $"{Number(max)} caractères au plus.").With("max", max);

    public static readonly Message ContractRequired = new(
        "ticket.contract.required", "Choose the contract the ticket is about.", "Choisissez le contrat auquel le ticket se rapporte.");

    public static readonly Message ContractNotVisible = new(
        "ticket.contract.notVisible", "No open contract with this id is visible to you.",
        "Aucun contrat en cours portant cet identifiant ne vous est visible.");

    public static readonly Message ContractNotSigned = new(
        "ticket.contract.notSigned", "The contract is not signed yet: tickets open once its terms are in force.",
        "Le contrat n'est pas encore signé : les tickets s'ouvrent une fois ses conditions en vigueur.");

    public static readonly Message ItemNotInInventory = new(
        "ticket.inventoryItem.unknown", "This item is not in the contract's inventory.",
        "Cet élément ne figure pas à l'inventaire du contrat.");

    public static readonly Message KindUnknown = new("ticket.kind.unknown", "The kind is incident or request.", "Le type est incident ou request (incident ou demande).");

    public static readonly Message LevelOfMatrixUnknown = new("ticket.matrixLevel.unknown", "Choose high, medium or low.", "Choisissez high, medium ou low (haut, moyen ou bas).");

    public static readonly Message PriorityUnknown = new("ticket.priority.unknown", "The priority is P1, P2, P3 or P4.", "La priorité est P1, P2, P3 ou P4.");

    public static readonly Message PriorityReasonRequired = new(
        "ticket.priorityReason.required", "Say why the priority differs from what impact and urgency give.",
        "Indiquez pourquoi la priorité diffère de celle que donnent l'impact et l'urgence.");

    public static Message StatusUnknown(IEnumerable<string> statuses)
    {
        var list = string.Join(", ", statuses);
        return new Message("ticket.status.unknown", $"The status is one of {list}.", $"Le statut est l'un de : {list}.").With("statuses", list);
    }

    public static readonly Message PendingSideRequired = new(
        "ticket.pendingSide.required", "Say whose side the wait is on: client or thirdParty.",
        "Indiquez de quel côté est l'attente : client ou thirdParty (le client ou un tiers).");

    public static readonly Message PendingReasonRequired = new(
        "ticket.pendingReason.required", "Say what the ticket waits for.", "Indiquez ce que le ticket attend.");

    public static readonly Message ResolutionRequired = new("ticket.resolution.required", "Describe the resolution.", "Décrivez la résolution.");

    public static readonly Message ReopenReasonRequired = new("ticket.reopen.reasonRequired", "Say why the ticket is reopened.", "Indiquez pourquoi le ticket est rouvert.");

    public static readonly Message AssignmentRequired = new(
        "ticket.assignment.required", "Assign the ticket to yourself, to an agent or to a team.",
        "Attribuez le ticket à vous-même, à un technicien ou à une équipe.");

    public static readonly Message AssigneeNotAgent = new(
        "ticket.assignee.notAgent", "Choose an active agent of the desk of the contract's provider.",
        "Choisissez un technicien actif du centre de services du prestataire du contrat.");

    public static readonly Message EscalationReasonRequired = new(
        "ticket.escalation.reasonRequired", "Say why the ticket goes to level 2.", "Indiquez pourquoi le ticket passe au niveau 2.");

    public static readonly Message ScoreRange = new("ticket.score.range", "The score is from 1 to 5.", "La note va de 1 à 5.");

    public static readonly Message VisibilityUnknown = new("visibility.unknown", "The visibility is public or internal.", "La visibilité est public ou internal (publique ou interne).");

    public static readonly Message InternalCommentDeskOnly = new(
        "comment.internal.deskOnly", "Only the provider's desk writes internal comments.",
        "Seul le support du prestataire écrit des commentaires internes.");

    public static readonly Message InternalAttachmentDeskOnly = new(
        "attachment.internal.deskOnly", "Only the provider's desk attaches internal files.",
        "Seul le support du prestataire joint des fichiers internes.");

    public static readonly Message Closed = new(
        "ticket.status.closed", "The ticket is closed: reopen it or open a new one.", "Le ticket est fermé : rouvrez-le ou ouvrez-en un nouveau.");

    public static readonly Message ClosedToAttachments = new(
        "attachment.ticketClosed", "The ticket is closed: reopen it or open a new one to attach files.",
        "Le ticket est fermé : rouvrez-le ou ouvrez-en un nouveau pour joindre des fichiers.");

    public static Message NoLongerAssigned(string status) => new Message(
        "ticket.assignment.notOpen", $"The ticket is {status}: it is no longer assigned.",
        $"Le ticket est {StatusInFrench(status)} : il n'est plus attribué.").With("status", status);

    public static readonly Message AlreadyLevel2 = new("ticket.escalation.already", "The ticket is already at level 2.", "Le ticket est déjà au niveau 2.");

    public static Message NotOpen(string status) => new Message(
        "ticket.status.notOpen", $"The ticket is {status}.", $"Le ticket est {StatusInFrench(status)}.").With("status", status);

    public static Message PriorityFinal(string status) => new Message(
        "ticket.priority.final", $"The ticket is {status}: its priority is final.",
        $"Le ticket est {StatusInFrench(status)} : sa priorité est définitive.").With("status", status);

    public static readonly Message RatedOnceResolved = new(
        "ticket.rating.notResolved", "The ticket is rated once it is resolved.", "Le ticket se note une fois résolu.");

    public static readonly Message AlreadyRated = new("ticket.rating.already", "The ticket is already rated.", "Le ticket est déjà noté.");

    public static Message AlreadyIn(string status) => new Message(
        "ticket.status.already", $"The ticket is already {status}.", $"Le ticket est déjà {StatusInFrench(status)}.").With("status", status);

    public static readonly Message ClosedOnlyReopened = new(
        "ticket.status.closedOnlyReopen", "The ticket is closed; it can only be reopened.", "Le ticket est fermé ; il ne peut qu'être rouvert.");

    public static Message ReopenTooLate(TimeSpan window)
    {
        var days = window.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        return new Message(
            "ticket.reopen.tooLate", $"The ticket was resolved more than {days} days ago: open a new ticket.",
            $"Le ticket a été résolu il y a plus de {days} jours : ouvrez un nouveau ticket.").With("days", days);
    }

    public static readonly Message NeverBackToNew = new(
        "ticket.status.backToNew", "A ticket never goes back to new.", "Un ticket ne redevient jamais nouveau.");

    public static readonly Message AssignInstead = new(
        "ticket.status.assignInstead", "Assign the ticket to an agent or a team instead.", "Attribuez plutôt le ticket à un technicien ou à une équipe.");

    public static Message Transition(string from, string to) => new Message(
        "ticket.status.transition", $"A ticket {from} cannot become {to}.",
        $"Un ticket {StatusInFrench(from)} ne peut pas devenir {StatusInFrench(to)}.").With("from", from).With("to", to);

    /// <summary>A status as an adjective of « le ticket est … ».</summary>
    public static string StatusInFrench(string status) => status switch
    {
        Statuses.New => "nouveau",
        Statuses.Assigned => "attribué",
        Statuses.InProgress => "en cours",
        Statuses.PendingClient => "en attente du client",
        Statuses.Resolved => "résolu",
        Statuses.Closed => "fermé",
        _ => status,
    };

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
}

/// <summary>What the ticket lists say about their filters and pages.</summary>
public static class TicketListMessages
{
    public static Message StatusFilter(IEnumerable<string> statuses)
    {
        var list = string.Join(", ", statuses);
        return new Message("tickets.filter.status", $"Statuses are open or {list}.", $"Les statuts sont open ou {list}.").With("statuses", list);
    }

    public static readonly Message PriorityFilter = new("tickets.filter.priority", "Priorities are P1, P2, P3, P4.", "Les priorités sont P1, P2, P3, P4.");

    public static readonly Message LevelFilter = new("tickets.filter.level", "The level is 1 or 2.", "Le niveau est 1 ou 2.");

    public static Message Limit(int max) => new Message("page.limit", $"From 1 to {max}.", $"De 1 à {max}.").With("max", max);

    public static readonly Message AssigneeFilter = new("tickets.filter.assignee", "me, none or a user id.", "me, none ou l'identifiant d'un utilisateur.");

    public static readonly Message Cursor = new("page.cursor", "This cursor was not given by this list.", "Ce curseur n'a pas été donné par cette liste.");
}

/// <summary>The rule every free text of a ticket follows: required or not, and a length it may not pass.</summary>
public static class TextRules
{
    public static void Check(FieldErrors errors, string field, string? value, int max, bool required, Message? missing = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, missing ?? TicketMessages.Required);
            }
        }
        else if (value.Length > max)
        {
            errors.Add(field, TicketMessages.TooLong(max));
        }
    }
}
