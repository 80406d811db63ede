using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.Invoices;

namespace Infogerance.Invoicing.Tests;

/// <summary>How a line's kind is read from what providers write, and the order in which the evidence counts.</summary>
public class LineKindRecognitionTests
{
    private static readonly ContractEvolution Portal = new(
        Guid.Parse("01930000-0000-7000-8000-0000000e7001"), "EVO-2026-003", "Portail fournisseurs", "validated", Day("2026-09-15"), 24_000m);

    private static readonly LineKindContext OnInvoice = new(InvoiceKinds.Invoice, ["UO-DEV", "UO-DEV-SR", "UO-POSTE"], [Portal]);
    private static readonly LineKindContext OnCreditNote = new(InvoiceKinds.CreditNote, ["UO-DEV", "UO-DEV-SR", "UO-POSTE"], [Portal]);

    private static string Recognise(string description, decimal net = 100m, string? itemCode = null, string? kind = null, string? evolution = null, LineKindContext? context = null) =>
        LineKindRecognition.Recognise(
            new InvoiceLine(1, description, 1, net, net, 20m, ItemCode: itemCode, Kind: kind, EvolutionReference: evolution), context ?? OnInvoice);

    [Theory]
    [InlineData("Redevance mensuelle – novembre 2026")]
    [InlineData("REDEVANCE")]
    [InlineData("Prestation forfaitaire de l'infogérance")]
    [InlineData("Forfait run")]
    [InlineData("FORFAÎT mensuel")]
    [InlineData("Abonnement centre de services")]
    [InlineData("Monthly fee, November")]
    [InlineData("Fixed-Fee")]
    [InlineData("fixed  fee")]
    [InlineData("Rédevance mensuelle")]
    public void The_words_providers_write_for_the_fixed_fee_make_the_monthly_fee(string description) =>
        Assert.Equal(InvoiceLineKinds.MonthlyFee, Recognise(description));

    [Theory]
    [InlineData("Prestations diverses")]
    [InlineData("Frais de déplacement")]
    [InlineData("Monthly report")]
    [InlineData("")]
    public void Anything_else_is_other(string description) => Assert.Equal(InvoiceLineKinds.Other, Recognise(description));

    [Fact]
    public void The_provider_s_own_kind_wins_over_the_words()
    {
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Redevance mensuelle", kind: InvoiceLineKinds.Evolution));
        Assert.Equal(InvoiceLineKinds.Other, Recognise("UO-DEV 3 jours", kind: InvoiceLineKinds.Other));
    }

    [Fact]
    public void A_kind_that_is_not_one_of_ours_is_ignored() =>
        Assert.Equal(InvoiceLineKinds.MonthlyFee, Recognise("Redevance mensuelle", kind: "fee"));

    [Theory]
    [InlineData("UO-DEV")]
    [InlineData("uo-dev")]
    [InlineData("UO_DEV")]
    [InlineData(" UO DEV ")]
    public void A_work_unit_code_in_the_item_code_written_any_way_bills_work_units(string itemCode)
    {
        Assert.Equal(InvoiceLineKinds.WorkUnit, Recognise("Journées de développement", itemCode: itemCode));
        Assert.Equal("UO-DEV", LineKindRecognition.WorkUnitCode(new InvoiceLine(1, "Journées", 1, 1, 1, ItemCode: itemCode), OnInvoice));
    }

    [Theory]
    [InlineData("UO-DEV – 3 jours", "UO-DEV")]
    [InlineData("uo-dev: développement", "UO-DEV")]
    [InlineData("  UO-POSTE", "UO-POSTE")]
    [InlineData("UO-DEV-SR Architecte", "UO-DEV-SR")]
    public void A_work_unit_code_starting_the_description_bills_work_units(string description, string code)
    {
        Assert.Equal(InvoiceLineKinds.WorkUnit, Recognise(description));
        Assert.Equal(code, LineKindRecognition.WorkUnitCode(new InvoiceLine(1, description, 1, 1, 1), OnInvoice));
    }

    [Theory]
    [InlineData("UO-DEVELOPPEMENT")]
    [InlineData("Journées UO-DEV")]
    public void A_code_glued_to_other_letters_or_not_at_the_start_is_no_work_unit(string description) =>
        Assert.Equal(InvoiceLineKinds.Other, Recognise(description));

    [Fact]
    public void An_evolution_is_recognised_by_its_reference_its_id_its_item_code_or_its_mention()
    {
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Lot 1", evolution: "EVO-2026-003"));
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Lot 1", evolution: Portal.Id.ToString()));
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Lot 1", itemCode: "evo-2026-003"));
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Évolution EVO-2026-003 : portail, lot 1"));
        Assert.Equal(InvoiceLineKinds.Other, Recognise("Évolution EVO-2026-0031"));
        Assert.Same(Portal, LineKindRecognition.Evolution(new InvoiceLine(1, "Portail (EVO-2026-003)", 1, 1, 1), OnInvoice));
    }

    [Fact]
    public void An_evolution_reference_the_contract_does_not_know_still_says_the_line_bills_an_evolution()
    {
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("Lot 1", evolution: "EVO-1999-001"));
        Assert.Null(LineKindRecognition.Evolution(new InvoiceLine(1, "Lot 1", 1, 1, 1, EvolutionReference: "EVO-1999-001"), OnInvoice));
    }

    [Theory]
    [InlineData("Pénalités SLA d’octobre")]
    [InlineData("PENALITE P1")]
    [InlineData("SLA penalties")]
    [InlineData("Penalty, availability")]
    [InlineData("Crédit de service")]
    [InlineData("Crédits de service octobre")]
    [InlineData("Service credit")]
    public void A_negative_line_speaking_of_penalties_or_service_credits_is_a_penalty_credit(string description) =>
        Assert.Equal(InvoiceLineKinds.PenaltyCredit, Recognise(description, net: -500m));

    [Fact]
    public void A_positive_line_of_an_invoice_speaking_of_penalties_is_not_a_credit() =>
        Assert.Equal(InvoiceLineKinds.Other, Recognise("Pénalités de retard de paiement", net: 40m));

    [Fact]
    public void A_line_of_a_credit_note_speaking_of_penalties_is_a_penalty_credit_though_stated_positive() =>
        Assert.Equal(InvoiceLineKinds.PenaltyCredit, Recognise("Pénalités SLA octobre 2026", net: 500m, context: OnCreditNote));

    [Fact]
    public void A_negative_line_not_speaking_of_penalties_is_read_like_any_other()
    {
        Assert.Equal(InvoiceLineKinds.Other, Recognise("Remise commerciale", net: -100m));
        Assert.Equal(InvoiceLineKinds.MonthlyFee, Recognise("Remise sur redevance", net: -100m));
    }

    [Fact]
    public void Penalty_words_on_a_credit_win_over_the_fee_s_words_it_is_deducted_from() =>
        Assert.Equal(InvoiceLineKinds.PenaltyCredit, Recognise("Pénalités SLA – déduction sur la redevance mensuelle", net: -500m));

    [Fact]
    public void A_work_unit_code_wins_over_the_fee_s_words_and_an_evolution_reference_over_both()
    {
        Assert.Equal(InvoiceLineKinds.WorkUnit, Recognise("UO-DEV forfait journée"));
        Assert.Equal(InvoiceLineKinds.Evolution, Recognise("UO-DEV forfait journée", evolution: "EVO-2026-003"));
    }

    [Fact]
    public void The_note_counts_as_what_the_line_speaks_of() =>
        Assert.Equal(
            InvoiceLineKinds.PenaltyCredit,
            LineKindRecognition.Recognise(new InvoiceLine(1, "Avoir", 1, -500m, -500m, Note: "pénalités du relevé d’octobre"), OnInvoice));

    [Fact]
    public void The_control_reports_each_line_s_kind_in_the_document_s_order()
    {
        var result = InvoiceControl.Check(AcmeNovember(), AcmeNovemberContext());

        Assert.Equal([InvoiceLineKinds.MonthlyFee, InvoiceLineKinds.WorkUnit, InvoiceLineKinds.PenaltyCredit], result.LineKinds);
    }
}
