using System.Globalization;
using Infogerance.Data;
using Infogerance.Validation;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// Every sentence the Contracts service says to a person, in English and French, each with its stable code and
/// the values it names. One sentence that recurs is one message here, so that its code and words stay the same
/// wherever it is said.
/// </summary>
public static class ContractMessages
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    // Shared by several rules.

    public static Message AmountNegative { get; } = new("amount.negative", "The amount cannot be negative.", "Le montant ne peut pas être négatif.");

    public static Message AmountTooLarge { get; } = new("amount.tooLarge", "The amount is too large.", "Le montant est trop élevé.");

    public static Message AmountCents { get; } =
        new("amount.cents", "The amount has at most two decimals (cents).", "Le montant a au plus deux décimales (centimes).");

    public static Message PercentRange { get; } =
        new Message("percent.range", "The percentage is between 0 and 100.", "Le pourcentage est compris entre 0 et 100.").With("min", 0).With("max", 100);

    public static Message PercentHundredths { get; } =
        new("percent.hundredths", "The percentage has at most two decimals.", "Le pourcentage a au plus deux décimales.");

    public static Message PriorityUnknown { get; } = new("priority.unknown", "The priority is P1, P2, P3 or P4.", "La priorité est P1, P2, P3 ou P4.");

    /// <summary>A value outside its list: the accepted values are named as the API spells them.</summary>
    public static Message OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new Message("value.oneOf", $"One of: {list}.", $"L’une des valeurs : {list}.").With("values", list);
    }

    public static Message TitleLength(int max) =>
        new Message("title.length", $"A title of 1 to {max} characters is required.", $"Un intitulé de 1 à {max} caractères est requis.")
            .With("min", 1).With("max", max);

    public static Message ContractClosed { get; } = new("contract.closed", "The contract is closed.", "Le contrat est clos.");

    // The terms of a version.

    public static Message StartDateRange(int firstYear, int lastYear) =>
        new Message(
                "terms.startDate.range",
                $"The start date must fall between {firstYear} and {lastYear}.",
                $"La date de début doit se situer entre {firstYear} et {lastYear}.")
            .With("min", firstYear).With("max", lastYear);

    public static Message InitialTermTooShort { get; } =
        new Message("terms.initialTerm.min", "The initial term is at least one month.", "La durée initiale est d’au moins un mois.").With("min", 1);

    public static Message InitialTermTooLong(int max) =>
        new Message("terms.initialTerm.max", $"The initial term is at most {max} months.", $"La durée initiale est d’au plus {max} mois.").With("max", max);

    public static Message RenewalPeriodNegative { get; } = new(
        "terms.renewalPeriod.negative",
        "The renewal period is zero (no tacit renewal) or a number of months.",
        "La période de reconduction vaut zéro (pas de reconduction tacite) ou un nombre de mois.");

    public static Message RenewalPeriodTooLong(int max) =>
        new Message("terms.renewalPeriod.max", $"The renewal period is at most {max} months.", $"La période de reconduction est d’au plus {max} mois.")
            .With("max", max);

    public static Message NoticeNegative { get; } = new("terms.notice.negative", "The notice period cannot be negative.", "Le préavis ne peut pas être négatif.");

    public static Message NoticeNotShorterThanTerm { get; } = new(
        "terms.notice.notShorterThanTerm",
        "The notice period must be shorter than the initial term.",
        "Le préavis doit être plus court que la durée initiale.");

    public static Message PricesRequired { get; } = new("terms.prices.required", "The price schedule is required.", "La grille tarifaire est requise.");

    public static Message MonthlyFeeRequired { get; } = new(
        "terms.monthlyFee.required", "The monthly fee is required.", "La redevance mensuelle est requise.");

    public static Message WorkUnitsRequired { get; } = new(
        "terms.workUnits.required",
        "The list of work units is required (empty when there is none).",
        "La liste des unités d’œuvre est requise (vide s’il n’y en a aucune).");

    public static Message WorkUnitMissing { get; } = new("terms.workUnit.missing", "The work unit is missing.", "L’unité d’œuvre est manquante.");

    public static Message CodeRequired { get; } = new("terms.workUnit.code.required", "The code is required.", "Le code est requis.");

    public static Message CodeTooLong(int max) =>
        new Message("terms.workUnit.code.length", $"The code is at most {max} characters.", $"Le code comporte au plus {max} caractères.").With("max", max);

    public static Message CodeTaken(string code) =>
        new Message(
                "terms.workUnit.code.duplicate",
                $"Another work unit already uses the code {code}.",
                $"Une autre unité d’œuvre utilise déjà le code {code}.")
            .With("code", code);

    public static Message LabelRequired { get; } = new("terms.workUnit.label.required", "The label is required.", "Le libellé est requis.");

    public static Message LabelTooLong(int max) =>
        new Message("terms.workUnit.label.length", $"The label is at most {max} characters.", $"Le libellé comporte au plus {max} caractères.")
            .With("max", max);

    public static Message RevisionIndexUnsupported(string index) =>
        new Message(
                "terms.revision.index",
                $"The only revision index supported is {index}.",
                $"Le seul indice de révision accepté est {index} (indice Syntec).")
            .With("index", index);

    public static Message FixedPartNegative { get; } =
        new("terms.revision.a.negative", "The fixed part a cannot be negative.", "La part fixe a ne peut pas être négative.");

    public static Message IndexedPartNegative { get; } =
        new("terms.revision.b.negative", "The indexed part b cannot be negative.", "La part indexée b ne peut pas être négative.");

    public static Message PartsSum(decimal a, decimal b) =>
        new Message(
                "terms.revision.sum",
                $"a + b must equal 1 (here {Show(a)} + {Show(b)} = {Show(a + b)}).",
                $"a + b doit valoir 1 (ici {ShowFrench(a)} + {ShowFrench(b)} = {ShowFrench(a + b)}).")
            .With("a", a).With("b", b).With("sum", a + b);

    public static Message ReferenceMonthFormat { get; } = new(
        "terms.revision.referenceMonth.format",
        "The reference month is written yyyy-MM, e.g. 2025-01.",
        "Le mois de référence s’écrit yyyy-MM, par exemple 2025-01.");

    public static Message ReferenceMonthAfterStart { get; } = new(
        "terms.revision.referenceMonth.afterStart",
        "The reference month cannot be after the month the contract starts.",
        "Le mois de référence ne peut pas être postérieur au mois où le contrat commence.");

    public static Message SlaRequired { get; } =
        new("terms.sla.required", "The SLA policy is required.", "La politique de niveaux de service (SLA) est requise.");

    public static Message SlaTargetsRequired { get; } = new(
        "terms.sla.targets.required",
        "The SLA targets are required, one per priority P1 to P4.",
        "Les objectifs de SLA sont requis, un par priorité de P1 à P4.");

    public static Message WarningThresholdsRequired { get; } = new(
        "terms.sla.warningThresholds.required",
        "The warning thresholds are required (empty for no warning).",
        "Les seuils d’alerte sont requis (vides pour aucune alerte).");

    public static Message TargetMissing { get; } = new("terms.sla.target.missing", "The target is missing.", "L’objectif est manquant.");

    public static Message RespondAfterResolve { get; } = new(
        "terms.sla.target.respondAfterResolve",
        "The time to respond cannot be longer than the time to resolve.",
        "Le délai de réponse ne peut pas dépasser le délai de résolution.");

    public static Message TargetMissingFor(string priority) =>
        new Message("terms.sla.targets.missing", $"A target for {priority} is missing.", $"Il manque un objectif pour {priority}.")
            .With("priority", priority);

    public static Message TargetRepeated(string priority) =>
        new Message("terms.sla.targets.duplicate", $"{priority} has more than one target.", $"{priority} a plus d’un objectif.")
            .With("priority", priority);

    public static Message PenaltiesRequired { get; } =
        new("terms.penalties.required", "The penalty rules are required.", "Les règles de pénalités sont requises.");

    public static Message PerBreachRequired { get; } = new(
        "terms.penalties.perBreach.required",
        "The list of penalties per breach is required (empty for none).",
        "La liste des pénalités par dépassement est requise (vide pour aucune).");

    public static Message PenaltyMissing { get; } = new("terms.penalty.missing", "The penalty is missing.", "La pénalité est manquante.");

    /// <summary>
    /// A per-breach rule that would price the same breaches as an earlier one: same priority and clock, or either of the
    /// two without clock (a rule without clock covers both).
    /// </summary>
    public static Message PenaltyRepeated(string priority, string? clock = null) =>
        (clock switch
        {
            null => new Message(
                "terms.penalty.duplicate",
                $"Another penalty already applies to {priority}: a penalty without clock covers both clocks, so it stands alone.",
                $"Une autre pénalité s’applique déjà à {priority} : une pénalité sans délai précisé couvre les deux délais et reste donc seule."),
            _ => new Message(
                "terms.penalty.duplicate",
                $"Another penalty already applies to the {ClockInEnglish(clock)} of {priority}.",
                $"Une autre pénalité s’applique déjà au {ClockInFrench(clock)} de {priority}."),
        }).With("priority", priority).With("clock", clock ?? "");

    public static Message PenaltyKind { get; } = new(
        "terms.penalty.kind",
        "The kind is fixed (euros) or percentOfFee (of the monthly fee).",
        "Le type est fixed (en euros) ou percentOfFee (en pourcentage de la redevance mensuelle).");

    public static Message PenaltyClock { get; } = new(
        "terms.penalty.clock",
        "The clock is respond (time to respond), resolve (time to resolve) or empty for both.",
        "Le délai est respond (délai de réponse), resolve (délai de résolution) ou vide pour les deux.");

    public static Message FreeBreachesRange(int max) =>
        new Message(
                "terms.penalties.freeBreaches.range",
                $"The number of free breaches per month is between 0 and {max}.",
                $"Le nombre de dépassements non facturés par mois est compris entre 0 et {max}.")
            .With("min", 0).With("max", max);

    public static Message SuccessRateTargetsRequired { get; } = new(
        "terms.penalties.successRates.required",
        "The list of success-rate targets is required (empty for none).",
        "La liste des objectifs de taux de respect est requise (vide pour aucun).");

    public static Message SuccessRateTargetMissing { get; } =
        new("terms.penalties.successRate.missing", "The success-rate target is missing.", "L’objectif de taux de respect est manquant.");

    public static Message SuccessRateClock { get; } = new(
        "terms.penalties.successRate.clock",
        "The clock is required: respond (time to respond) or resolve (time to resolve).",
        "Le délai est requis : respond (délai de réponse) ou resolve (délai de résolution).");

    public static Message SuccessRateTargetRepeated(string priority, string clock) =>
        new Message(
                "terms.penalties.successRate.duplicate",
                $"Another target already applies to the {ClockInEnglish(clock)} of {priority}.",
                $"Un autre objectif s’applique déjà au {ClockInFrench(clock)} de {priority}.")
            .With("priority", priority).With("clock", clock);

    public static Message SuccessRateTargetRange { get; } =
        new Message(
                "terms.penalties.successRate.target",
                "The target is a percentage above 0 and below 100.",
                "L’objectif est un pourcentage supérieur à 0 et inférieur à 100.")
            .With("min", 0).With("max", 100);

    public static Message CreditPerPointRange { get; } =
        new Message(
                "terms.penalties.successRate.creditPerPoint",
                "The credit per point is a percentage of the fee above 0 and at most 100.",
                "L’avoir par point est un pourcentage de la redevance supérieur à 0 et d’au plus 100.")
            .With("min", 0).With("max", 100);

    /// <summary>The maximum credit, when the credit per point is valid: at least one point's credit.</summary>
    public static Message MaxCreditRange(decimal creditPerPoint) =>
        new Message(
                "terms.penalties.successRate.maxCredit",
                $"The maximum credit is at least the credit per point ({Show(creditPerPoint)} %) and at most 100 %.",
                $"L’avoir maximal est d’au moins l’avoir par point ({ShowFrench(creditPerPoint)} %) et d’au plus 100 %.")
            .With("min", creditPerPoint).With("max", 100);

    /// <summary>The maximum credit, when the credit per point is not valid itself.</summary>
    public static Message MaxCreditPercent { get; } =
        new Message(
                "terms.penalties.successRate.maxCreditPercent",
                "The maximum credit is a percentage of the fee above 0 and at most 100.",
                "L’avoir maximal est un pourcentage de la redevance supérieur à 0 et d’au plus 100.")
            .With("min", 0).With("max", 100);

    public static Message AvailabilityBandsRequired { get; } = new(
        "terms.penalties.bands.required",
        "The list of availability bands is required (empty for none).",
        "La liste des paliers de disponibilité est requise (vide pour aucun).");

    public static Message AvailabilityBandMissing { get; } =
        new("terms.penalties.band.missing", "The availability band is missing.", "Le palier de disponibilité est manquant.");

    public static Message AvailabilityThreshold { get; } = new(
        "terms.penalties.band.threshold",
        "The availability threshold is a percentage above 0 and at most 100.",
        "Le seuil de disponibilité est un pourcentage supérieur à 0 et d’au plus 100.");

    public static Message AvailabilityBandRepeated(decimal threshold) =>
        new Message(
                "terms.penalties.band.duplicate",
                $"Another band already starts below {Show(threshold)} %.",
                $"Un autre palier commence déjà en dessous de {ShowFrench(threshold)} %.")
            .With("threshold", threshold);

    public static Message ClauseRequired { get; } = new("terms.clause.required", "The clause is required (it may be empty).", "La clause est requise (elle peut être vide).");

    public static Message ClauseTooLong(int max) =>
        new Message(
                "terms.clause.length",
                $"The clause is at most {max.ToString("N0", CultureInfo.InvariantCulture)} characters long.",
                $"La clause comporte au plus {max.ToString("N0", French)} caractères.")
            .With("max", max);

    // The inventory (état des lieux) and the requirements (cahier des charges).

    public static Message InventoryTypeRequired { get; } = new("inventory.type.required", "The type is required.", "Le type est requis.");

    public static Message InventoryTypeUnknown(IEnumerable<string> types)
    {
        var list = string.Join(", ", types);
        return new Message("inventory.type.unknown", $"The type must be one of {list}.", $"Le type doit être l’un de : {list}.").With("values", list);
    }

    public static Message InventoryNameRequired { get; } = new("inventory.name.required", "The name is required.", "Le nom est requis.");

    public static Message InventoryNameTooLong(int max) =>
        new Message("inventory.name.length", $"The name is at most {max} characters.", $"Le nom comporte au plus {max} caractères.").With("max", max);

    public static Message QuantityRequired { get; } = new("inventory.quantity.required", "The quantity is required.", "La quantité est requise.");

    public static Message QuantityRange(int max) =>
        new Message(
                "inventory.quantity.range",
                $"The quantity is a whole number from 1 to {max.ToString("N0", CultureInfo.InvariantCulture)}.",
                $"La quantité est un nombre entier de 1 à {max.ToString("N0", French)}.")
            .With("min", 1).With("max", max);

    public static Message CriticalityRequired { get; } = new("inventory.criticality.required", "The criticality is required.", "La criticité est requise.");

    public static Message CriticalityUnknown(IEnumerable<string> criticalities)
    {
        var list = string.Join(", ", criticalities);
        return new Message("inventory.criticality.unknown", $"The criticality must be one of {list}.", $"La criticité doit être l’une de : {list}.")
            .With("values", list);
    }

    public static Message LocationTooLong(int max) =>
        new Message("inventory.location.length", $"The location is at most {max} characters.", $"L’emplacement comporte au plus {max} caractères.")
            .With("max", max);

    public static Message RequirementCategoryRequired { get; } =
        new("requirement.category.required", "The category is required.", "La catégorie est requise.");

    public static Message RequirementCategoryTooLong(int max) =>
        new Message("requirement.category.length", $"The category is at most {max} characters.", $"La catégorie comporte au plus {max} caractères.")
            .With("max", max);

    public static Message ExpectedLevelRequired { get; } =
        new("requirement.expectedLevel.required", "The expected level is required.", "Le niveau attendu est requis.");

    public static Message ExpectedLevelTooLong(int max) =>
        new Message("requirement.expectedLevel.length", $"The expected level is at most {max} characters.", $"Le niveau attendu comporte au plus {max} caractères.")
            .With("max", max);

    public static Message AcceptanceCriterionRequired { get; } =
        new("requirement.acceptanceCriterion.required", "The acceptance criterion is required.", "Le critère d’acceptation est requis.");

    public static Message AcceptanceCriterionTooLong(int max) =>
        new Message(
                "requirement.acceptanceCriterion.length",
                $"The acceptance criterion is at most {max} characters.",
                $"Le critère d’acceptation comporte au plus {max} caractères.")
            .With("max", max);

    public static Message RequirementsFrozen { get; } =
        new("requirement.frozen", "The requirements are frozen by signature.", "Le cahier des charges est figé par la signature.");

    public static Message ImportMode { get; } =
        new("inventory.import.mode", "Choose \"append\" or \"replace\".", "Choisissez « append » (ajouter) ou « replace » (remplacer).");

    public static Message ImportFileFormat { get; } = new("inventory.import.format", "Send a .csv or .xlsx file.", "Envoyez un fichier .csv ou .xlsx.");

    public static Message ExportFormat { get; } = new("inventory.export.format", "Choose \"csv\" or \"xlsx\".", "Choisissez « csv » ou « xlsx ».");

    // The contract, its phases and their checklists.

    public static Message ReferenceLength(int max) =>
        new Message("contract.reference.length", $"A reference of 1 to {max} characters is required.", $"Une référence de 1 à {max} caractères est requise.")
            .With("min", 1).With("max", max);

    public static Message ProviderRequired { get; } =
        new("contract.provider.required", "Choose the provider organisation.", "Choisissez l’organisation du prestataire.");

    public static Message ReferenceTaken(string reference) =>
        new Message(
                "contract.reference.taken",
                $"A contract with the reference \"{reference}\" already exists.",
                $"Un contrat de référence « {reference} » existe déjà.")
            .With("reference", reference);

    public static Message OnlyDraftSigned { get; } = new(
        "contract.sign.notDraft",
        "Only a draft can be signed; later changes are amendments.",
        "Seul un brouillon peut être signé ; les changements ultérieurs se font par avenant.");

    public static Message HandoverRequired { get; } = new(
        "contract.handover.required",
        "Say who takes the service back: \"client\" or \"newProvider\".",
        "Indiquez qui reprend le service : « client » ou « newProvider » (un nouveau prestataire).");

    public static Message WorkstreamsUnfinished(int unfinished) =>
        new Message(
                "contract.transition.workstreamsUnfinished",
                $"{unfinished} upgrade workstream(s) are not finished: the run phase starts when every workstream is at 100 %.",
                $"{unfinished} chantier(s) de mise à niveau ne sont pas achevés : la phase d’exploitation commence quand chaque chantier est à 100 %.")
            .With("unfinished", unfinished);

    public static Message DraftSignedBySigning { get; } =
        new("contract.transition.signByTransition", "A draft becomes signed by signing it.", "Un brouillon devient signé en le signant.");

    public static Message PhaseClosesByAcceptance(string phase) =>
        new Message(
                "contract.transition.mutualClosure",
                $"The {phase} phase closes only when both sides accept its closure.",
                $"La phase « {PhaseInFrench(phase)} » ne se clôt que lorsque les deux parties en acceptent la clôture.")
            .With("phase", phase);

    public static Message NotAPhase(string phase) =>
        new Message("contract.phase.unknown", $"\"{phase}\" is not a phase.", $"« {phase} » n’est pas une phase.").With("phase", phase);

    public static Message TransitionRefused(string from, string to) =>
        new Message(
                "contract.transition.refused",
                $"A contract in {from} cannot move to {to}.",
                $"Un contrat en phase « {PhaseInFrench(from)} » ne peut pas passer en phase « {PhaseInFrench(to)} ».")
            .With("from", from).With("to", to);

    public static Message ClosureOnlyWithChecklist { get; } = new(
        "contract.closure.noChecklist",
        "Only the takeover and reversibility phases close by mutual acceptance.",
        "Seules les phases de prise en charge et de réversibilité se clôturent par acceptation mutuelle.");

    public static Message NotInPhase(string phase) =>
        new Message("contract.closure.notInPhase", $"The contract is not in its {phase} phase.", $"Le contrat n’est pas en phase « {PhaseInFrench(phase)} ».")
            .With("phase", phase);

    public static Message ChecklistEmpty { get; } = new(
        "contract.closure.checklistEmpty",
        "The checklist is empty: add the items both sides must accept.",
        "La liste de contrôle est vide : ajoutez les éléments que les deux parties doivent accepter.");

    public static Message ItemsPending(int pending) =>
        new Message(
                "contract.closure.itemsPending",
                $"{pending} checklist item(s) are not yet accepted by both sides.",
                $"{pending} élément(s) de la liste de contrôle ne sont pas encore acceptés par les deux parties.")
            .With("pending", pending);

    public static Message ClosureAlreadyAccepted(string side, string phase) =>
        new Message(
                "contract.closure.alreadyAccepted",
                $"The {side} side has already accepted the closure of the {phase} phase.",
                $"{SideInFrench(side)} a déjà accepté la clôture de la phase « {PhaseInFrench(phase)} ».")
            .With("side", side).With("phase", phase);

    public static Message ChecklistNotInPhase(string phase) =>
        new Message(
                "checklist.notInPhase",
                $"Items are added to the {phase} checklist while the contract is in that phase.",
                $"Les éléments s’ajoutent à la liste « {PhaseInFrench(phase)} » tant que le contrat est dans cette phase.")
            .With("phase", phase);

    public static Message ChecklistComplete(string phase) =>
        new Message(
                "checklist.complete",
                $"A side has accepted the closure of the {phase} phase: its checklist is complete.",
                $"Une partie a accepté la clôture de la phase « {PhaseInFrench(phase)} » : sa liste de contrôle est complète.")
            .With("phase", phase);

    public static Message ChecklistNotOpen(string phase, string current) =>
        new Message(
                "checklist.notOpen",
                $"The {phase} checklist is not open: the contract is in {current}.",
                $"La liste « {PhaseInFrench(phase)} » n’est pas ouverte : le contrat est en phase « {PhaseInFrench(current)} ».")
            .With("phase", phase).With("current", current);

    public static Message AcceptancesFinal(string side, string phase) =>
        new Message(
                "checklist.acceptancesFinal",
                $"The {side} side has accepted the closure of the {phase} phase: its acceptances are final.",
                $"{SideInFrench(side)} a accepté la clôture de la phase « {PhaseInFrench(phase)} » : ses acceptations sont définitives.")
            .With("side", side).With("phase", phase);

    public static Message WorkstreamNameRequired(int max) =>
        new Message("workstream.name.required", $"A name of 1 to {max} characters is required.", $"Un nom de 1 à {max} caractères est requis.")
            .With("min", 1).With("max", max);

    public static Message WorkstreamNameLength(int max) =>
        new Message("workstream.name.length", $"A name of 1 to {max} characters.", $"Un nom de 1 à {max} caractères.").With("min", 1).With("max", max);

    public static Message WorkstreamProgress { get; } =
        new Message("workstream.progress", "A percentage from 0 to 100.", "Un pourcentage de 0 à 100.").With("min", 0).With("max", 100);

    public static Message WorkstreamsPlannedBeforeRun { get; } = new(
        "workstream.plannedBeforeRun",
        "Upgrade workstreams are planned between signature and the run phase.",
        "Les chantiers de mise à niveau se planifient entre la signature et la phase d’exploitation.");

    public static Message WorkstreamsChangeBeforeRun { get; } = new(
        "workstream.changedBeforeRun",
        "Workstreams change until the run phase starts.",
        "Les chantiers évoluent jusqu’au début de la phase d’exploitation.");

    // Versions and amendments.

    public static Message CompareTwoVersions { get; } =
        new("version.compare.numbers", "Give the two version numbers to compare.", "Indiquez les deux numéros de version à comparer.");

    public static Message OnlyDraftTermsChange(int number, string status) =>
        VersionIs("version.terms.notDraft", number, status, "only a draft's terms can change", "seules les conditions d’un brouillon peuvent changer");

    public static Message OnlyDraftProposed(int number, string status) =>
        VersionIs("version.propose.notDraft", number, status, "only a draft can be proposed", "seul un brouillon peut être proposé");

    public static Message OnlyProposedCountersigned(int number, string status) =>
        VersionIs("version.countersign.notProposed", number, status, "only a proposed amendment can be countersigned", "seul un avenant proposé peut être contresigné");

    public static Message OnlyUnderWayWithdrawn(int number, string status) =>
        VersionIs("version.withdraw.notUnderWay", number, status, "only an amendment under way can be withdrawn", "seul un avenant en cours peut être retiré");

    private static Message VersionIs(string code, int number, string status, string english, string french) =>
        new Message(code, $"Version {number} is {status}: {english}.", $"La version {number} est « {VersionStatusInFrench(status)} » : {french}.")
            .With("number", number).With("status", status);

    public static Message AmendmentsNeedSignature { get; } = new(
        "amendment.notSigned",
        "Amendments change signed contracts: edit the draft before signature, nothing after closure.",
        "Les avenants modifient les contrats signés : modifiez le brouillon avant la signature ; rien ne change après la clôture.");

    public static Message AmendmentUnderWay { get; } = new(
        "amendment.underWay",
        "An amendment is already under way: countersign or withdraw it first.",
        "Un avenant est déjà en cours : contresignez-le ou retirez-le d’abord.");

    public static Message EffectiveFromRequired { get; } =
        new("amendment.effectiveFrom.required", "Give the date the amendment takes effect.", "Indiquez la date d’effet de l’avenant.");

    public static Message EffectiveBeforeAmended(DateOnly amended) =>
        new Message(
                "amendment.effectiveFrom.beforeAmended",
                $"An amendment cannot take effect before the version it amends ({amended.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).",
                $"Un avenant ne peut pas prendre effet avant la version qu’il modifie ({amended.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}).")
            .With("date", amended.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static Message AmendmentReason(int max) =>
        new Message(
                "amendment.reason.required",
                $"Say why the contract changes (up to {max.ToString("N0", CultureInfo.InvariantCulture)} characters).",
                $"Indiquez pourquoi le contrat change ({max.ToString("N0", French)} caractères au plus).")
            .With("max", max);

    public static Message CountersignedByOtherSide(string side) =>
        new Message(
                "amendment.countersign.sameSide",
                $"The {side} side proposed this amendment: the other side countersigns it.",
                $"{SideInFrench(side)} a proposé cet avenant : c’est l’autre partie qui le contresigne.")
            .With("side", side);

    // Evolution requests.

    public static Message SpecificationRequired(int max) =>
        new Message(
                "evolution.specification.required",
                $"Describe the need (up to {max.ToString("N0", CultureInfo.InvariantCulture)} characters).",
                $"Décrivez le besoin ({max.ToString("N0", French)} caractères au plus).")
            .With("max", max);

    public static Message SolutionRequired(int max) =>
        new Message(
                "evolution.solution.required",
                $"Describe the solution (up to {max.ToString("N0", CultureInfo.InvariantCulture)} characters).",
                $"Décrivez la solution ({max.ToString("N0", French)} caractères au plus).")
            .With("max", max);

    public static Message PlanRequired(int max) =>
        new Message(
                "evolution.plan.required",
                $"Give the plan (up to {max.ToString("N0", CultureInfo.InvariantCulture)} characters).",
                $"Indiquez le planning ({max.ToString("N0", French)} caractères au plus).")
            .With("max", max);

    public static Message QuoteAmount { get; } = new(
        "evolution.quote.amount",
        "The quote in euros: zero or more, with at most two decimals.",
        "Le devis en euros : zéro ou plus, avec au plus deux décimales.");

    public static Message RejectionReason(int max) =>
        new Message(
                "evolution.rejection.reason",
                $"Say why the proposal is rejected (up to {max.ToString("N0", CultureInfo.InvariantCulture)} characters).",
                $"Indiquez pourquoi la proposition est refusée ({max.ToString("N0", French)} caractères au plus).")
            .With("max", max);

    public static Message EvolutionsNeedSignedContract { get; } = new(
        "evolution.contractNotSigned",
        "Evolution requests concern a signed contract that is not closed.",
        "Les demandes d’évolution portent sur un contrat signé et non clos.");

    public static Message OnlyAcceptedEvolutionAmends { get; } =
        new("evolution.amend.notAccepted", "Only an accepted evolution becomes an amendment.", "Seule une évolution recettée devient un avenant.");

    public static Message EvolutionAlreadyAmended { get; } =
        new("evolution.amend.already", "This evolution already has its amendment.", "Cette évolution a déjà son avenant.");

    public static Message StepOfOtherSide(string side, string action) =>
        new Message(
                "evolution.step.otherSide",
                $"Only the {side} side may {action} an evolution request.",
                $"Seul {SideInFrench(side).ToLowerInvariant()} peut effectuer l’action « {EvolutionActionInFrench(action)} » sur une demande d’évolution.")
            .With("side", side).With("action", action);

    public static Message StepOutOfOrder(string state, string to, string from) =>
        new Message(
                "evolution.step.outOfOrder",
                $"An evolution request that is {state} cannot be {to}; it must be {from} first.",
                $"Une demande d’évolution à l’état « {EvolutionStateInFrench(state)} » ne peut pas passer à l’état « {EvolutionStateInFrench(to)} » : elle doit d’abord être à l’état « {EvolutionStateInFrench(from)} ».")
            .With("state", state).With("to", to).With("from", from);

    // Renewal at term.

    public static Message RenewalDecisionChoice { get; } = new(
        "renewal.decision.choice",
        "Choose \"terminate\", \"renew\" or \"renegotiate\".",
        "Choisissez « terminate » (résilier), « renew » (reconduire) ou « renegotiate » (renégocier).");

    public static Message RenewalDuringRun { get; } = new(
        "renewal.notRun",
        "The decision at term is taken during the run phase.",
        "La décision à l’échéance se prend pendant la phase d’exploitation.");

    public static Message NoDeadlineLeft { get; } = new(
        "renewal.noDeadline",
        "No notice deadline remains: the contract ends with its initial term.",
        "Il ne reste aucune date limite de préavis : le contrat prend fin avec sa durée initiale.");

    public static Message DecisionRecorded(DateOnly periodEnd, string decision) =>
        new Message(
                "renewal.alreadyDecided",
                $"The decision for the period ending {periodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is already recorded: {decision}.",
                $"La décision pour la période se terminant le {periodEnd.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} est déjà enregistrée : {DecisionInFrench(decision)}.")
            .With("periodEnd", periodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).With("decision", decision);

    public static Message NoTacitRenewal { get; } = new(
        "renewal.noTacitRenewal",
        "The contract has no tacit renewal: renegotiate to extend it.",
        "Le contrat n’a pas de reconduction tacite : renégociez-le pour le prolonger.");

    public static Message RenewalWhileAmending { get; } = new(
        "renewal.amendmentUnderWay",
        "An amendment is under way: countersign or withdraw it before renewing.",
        "Un avenant est en cours : contresignez-le ou retirez-le avant de reconduire le contrat.");

    public static Message AmendmentAfterNewPeriod { get; } = new(
        "renewal.amendmentAfterNewPeriod",
        "A signed amendment takes effect after the new period begins: renegotiate instead.",
        "Un avenant signé prend effet après le début de la nouvelle période : renégociez plutôt.");

    public static Message SyntecIndexMissing(string? referenceMonth) =>
        new Message(
                "renewal.syntecMissing",
                $"The Syntec index of {referenceMonth} or a recent one is missing: ask an Operator to publish it.",
                $"L’indice Syntec de {referenceMonth} ou un indice récent manque : demandez à un opérateur de le publier.")
            .With("month", referenceMonth);

    // The Syntec index.

    public static Message IndexMonth { get; } = new("syntec.month.format", "A month written yyyy-MM.", "Un mois écrit yyyy-MM.");

    public static Message IndexValue { get; } =
        new("syntec.value", "A positive index value with at most one decimal.", "Une valeur d’indice positive avec au plus une décimale.");

    public static Message IndexSeries(string @default, string other) =>
        new Message(
                "syntec.series",
                $"\"{@default}\" (the default) or \"{other}\".",
                $"« {@default} » (par défaut, la série révisée) ou « {other} » (l’ancienne série).")
            .With("values", $"{@default}, {other}");

    // The prices in force and the revision preview.

    public static Message ValueRequired { get; } = new("value.required", "A value is required.", "Une valeur est requise.");

    public static Message DateFormat { get; } = new("date.format", "A date written yyyy-MM-dd, e.g. 2025-04-01.", "Une date écrite yyyy-MM-dd, par exemple 2025-04-01.");

    public static Message ReferenceIndexMissing(string month) =>
        new Message(
                "prices.referenceIndex.missing",
                $"No Syntec index is published for the reference month {month}: ask an Operator to publish it.",
                $"Aucun indice Syntec n’est publié pour le mois de référence {month} : demandez à un opérateur de le publier.")
            .With("month", month);

    public static Message RevisionIndexMissing(string month) =>
        new Message(
                "prices.revisionIndex.missing",
                $"No Syntec index is published for {month} or an earlier month: ask an Operator to publish it.",
                $"Aucun indice Syntec n’est publié pour {month} ni pour un mois antérieur : demandez à un opérateur de le publier.")
            .With("month", month);

    public static Message NoSignedTerms { get; } = new(
        "prices.notSigned",
        "The contract is not signed: no prices are in force yet.",
        "Le contrat n’est pas signé : aucun prix n’est encore en vigueur.");

    // The French words for the codes the sentences name.

    private static string PhaseInFrench(string phase) => phase switch
    {
        Phases.Draft => "brouillon",
        Phases.Signed => "signé",
        Phases.Takeover => "prise en charge",
        Phases.Upgrade => "mise à niveau",
        Phases.Run => "exploitation",
        Phases.Reversibility => "réversibilité",
        Phases.Closed => "clos",
        _ => phase,
    };

    private static string SideInFrench(string side) => side switch
    {
        Sides.Client => "Le client",
        Sides.Provider => "Le prestataire",
        _ => side,
    };

    private static string VersionStatusInFrench(string status) => status switch
    {
        "draft" => "brouillon",
        "proposed" => "proposée",
        "active" => "en vigueur",
        "withdrawn" => "retirée",
        _ => status,
    };

    private static string EvolutionStateInFrench(string state) => state switch
    {
        EvolutionWorkflow.Specified => "exprimée",
        EvolutionWorkflow.Proposed => "proposée",
        EvolutionWorkflow.Validated => "validée",
        EvolutionWorkflow.Rejected => "refusée",
        EvolutionWorkflow.InProgress => "en cours",
        EvolutionWorkflow.Delivered => "livrée",
        EvolutionWorkflow.Accepted => "recettée",
        _ => state,
    };

    private static string EvolutionActionInFrench(string action) => action switch
    {
        "propose" => "proposer une solution",
        "validate" => "valider",
        "reject" => "refuser",
        "start" => "démarrer",
        "deliver" => "livrer",
        "accept" => "recetter",
        _ => action,
    };

    private static string DecisionInFrench(string decision) => decision switch
    {
        "terminate" => "résiliation",
        "renew" => "reconduction",
        "renegotiate" => "renégociation",
        _ => decision,
    };

    private static string ClockInEnglish(string clock) => clock switch
    {
        "respond" => "time to respond",
        "resolve" => "time to resolve",
        _ => clock,
    };

    private static string ClockInFrench(string clock) => clock switch
    {
        "respond" => "délai de réponse",
        "resolve" => "délai de résolution",
        _ => clock,
    };

    private static string Show(decimal value) => TermsRules.Show(value);

    /// <summary>A decimal as French readers write it: decimal comma, no trailing zeros.</summary>
    private static string ShowFrench(decimal value) => value.ToString("0.############################", French);
}
