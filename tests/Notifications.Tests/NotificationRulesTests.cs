using Infogerance.IntegrationEvents;
using Infogerance.Notifications.Domain;
using static Infogerance.Notifications.Tests.World;

namespace Infogerance.Notifications.Tests;

/// <summary>What each event tells whom, through the rules and the choice of recipients among the world's people.</summary>
public class NotificationRulesTests
{
    private static readonly Guid Ticket = Guid.CreateVersion7();
    private static readonly DateTimeOffset Due = new(2027, 3, 28, 1, 30, 0, TimeSpan.Zero);

    private static SlaWarningRaised Warning(string priority, Guid? assignee = null, long? number = 42) => new()
    {
        TenantId = Client, ContractId = Contract, TicketId = Ticket, Clock = "resolve", Priority = priority, Percent = 75, DueAt = Due,
        Number = number, AssigneeId = assignee,
    };

    private static SlaBreached Breach(string priority, Guid? assignee = null) => new()
    {
        TenantId = Client, ContractId = Contract, TicketId = Ticket, Clock = "respond", Priority = priority, DueAt = Due, Number = 42, AssigneeId = assignee,
    };

    private static TicketStatusChanged StatusChange(string to, Guid? requester, Guid? actor = null) => new()
    {
        TenantId = Client, ContractId = Contract, TicketId = Ticket, From = "inProgress", To = to, Priority = "P3", Number = 7,
        RequesterId = requester, ActorId = actor,
    };

    private static EvolutionRequestStateChanged Evolution(string from, string to) => new()
    {
        TenantId = Client, ContractId = Contract, EvolutionRequestId = Guid.CreateVersion7(), Title = "Portail RH", From = from, To = to,
        QuoteAmount = to == EvolutionStates.Proposed ? 12_500m : null,
    };

    private static AmendmentProposed Amendment(string side, Guid proposer) => new()
    {
        TenantId = Client, ContractId = Contract, VersionNumber = 3, ProposingSide = side, ProposedBy = "Marc Dubois", ProposedById = proposer,
        EffectiveFrom = new DateOnly(2027, 4, 1),
    };

    private static InvoiceControlled Controlled(string status, int discrepancies) => new()
    {
        TenantId = Client, ContractId = Contract, InvoiceId = Guid.CreateVersion7(), Number = "FA-2027-031", Status = status,
        Result = discrepancies == 0 ? "compliant" : "discrepancies", DiscrepancyCount = discrepancies, TotalAtStake = discrepancies * 250m,
    };

    [Fact]
    public void An_sla_warning_reaches_the_assignee_and_the_providers_level_2_and_account_managers_not_the_client_for_a_p3()
    {
        var notice = NotificationRules.For(Warning("P3", AgentL1.Id));
        Assert.Equal(NotificationKinds.SlaWarning, notice.Kind);
        Assert.Equal(new Subject("ticket", Ticket, "42"), notice.Subject);
        Assert.Equal([AccountManager, AgentL1, AgentL2], Recipients(notice));
        Assert.Equal(75, notice.Data["percent"]);
        Assert.Equal("resolve", notice.Data["clock"]);
    }

    [Theory]
    [InlineData("P1")]
    [InlineData("P2")]
    public void For_a_p1_or_p2_the_clients_contract_managers_are_told_too(string priority)
    {
        Assert.Equal([ClientManager, AccountManager, AgentL1, AgentL2], Recipients(NotificationRules.For(Warning(priority, AgentL1.Id))));
        Assert.Equal([ClientManager, AccountManager, AgentL2], Recipients(NotificationRules.For(Breach(priority))));
    }

    [Theory]
    [InlineData("P3")]
    [InlineData("P4")]
    public void A_breach_of_a_p3_or_p4_stays_with_the_desk(string priority)
    {
        var notice = NotificationRules.For(Breach(priority, AgentL1.Id));
        Assert.Equal(NotificationKinds.SlaBreached, notice.Kind);
        Assert.Equal([AccountManager, AgentL1, AgentL2], Recipients(notice));
    }

    [Fact]
    public void An_assignee_of_another_provider_or_deactivated_since_is_not_told()
    {
        var gone = AgentL1 with { Id = Guid.CreateVersion7(), Status = "deactivated" };
        Assert.Equal([AccountManager, AgentL2], Recipients(NotificationRules.For(Breach("P4", OtherAgentL2.Id))));
        Assert.Equal([AccountManager, AgentL2], Recipients(NotificationRules.For(Breach("P4", gone.Id)), gone));
    }

    [Fact]
    public void An_event_raised_before_the_number_travelled_names_the_ticket_without_a_label()
    {
        var notice = NotificationRules.For(Warning("P3", number: null));
        Assert.Equal("", notice.Subject.Label);
        Assert.False(notice.Data.ContainsKey("number"));
    }

    [Fact]
    public void A_ticket_waiting_on_the_client_or_resolved_to_rate_reaches_its_requester_alone()
    {
        var waiting = NotificationRules.For(StatusChange("pendingClient", ClientRequester.Id, AgentL1.Id));
        Assert.Equal(NotificationKinds.TicketPendingClient, waiting!.Kind);
        Assert.Equal([ClientRequester], Recipients(waiting));
        var resolved = NotificationRules.For(StatusChange("resolved", ClientRequester.Id, AgentL1.Id));
        Assert.Equal(NotificationKinds.TicketResolved, resolved!.Kind);
        Assert.Equal([ClientRequester], Recipients(resolved));
        Assert.Equal(new Subject("ticket", Ticket, "7"), resolved.Subject);
    }

    [Fact]
    public void A_requester_who_resolved_their_own_ticket_is_not_told_of_it()
    {
        // A desk agent who opened the ticket for the client, then resolved it.
        var resolved = NotificationRules.For(StatusChange("resolved", AgentL1.Id, AgentL1.Id));
        Assert.Empty(Recipients(resolved));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("assigned")]
    [InlineData("inProgress")]
    [InlineData("closed")]
    public void Other_moves_of_a_ticket_are_the_desks_own_business(string to)
    {
        Assert.Null(NotificationRules.For(StatusChange(to, ClientRequester.Id)));
    }

    [Fact]
    public void A_ticket_without_a_known_requester_tells_nobody()
    {
        Assert.Null(NotificationRules.For(StatusChange("resolved", requester: null)));
    }

    [Fact]
    public void The_approaching_notice_deadline_reaches_the_clients_contract_managers_and_the_providers_account_manager()
    {
        var notice = NotificationRules.For(new NoticeDeadlineApproaching
        {
            TenantId = Client, ContractId = Contract, NoticeDeadline = new DateOnly(2027, 6, 30), PeriodEnd = new DateOnly(2027, 12, 31), DaysBefore = 30,
        });
        Assert.Equal([ClientManager, AccountManager], Recipients(notice));
        Assert.Equal(new Subject("contract", Contract, "2027-06-30"), notice.Subject);
        Assert.Equal(30, notice.Data["daysBefore"]);
        Assert.Equal(new DateOnly(2027, 6, 30), notice.Data["noticeDeadline"]);
    }

    [Theory]
    [InlineData("none", "specified", "provider")]
    [InlineData("specified", "proposed", "client")]
    [InlineData("proposed", "validated", "provider")]
    [InlineData("proposed", "rejected", "provider")]
    [InlineData("validated", "inProgress", "client")]
    [InlineData("inProgress", "delivered", "client")]
    [InlineData("delivered", "accepted", "provider")]
    public void An_evolution_request_reaches_the_managers_of_the_side_whose_move_comes_next(string from, string to, string side)
    {
        var notice = NotificationRules.For(Evolution(from, to));
        Assert.Equal(side == "client" ? [ClientManager] : [AccountManager], Recipients(notice));
        Assert.Equal(to == "specified" ? NotificationKinds.EvolutionRequested : NotificationKinds.EvolutionStateChanged, notice!.Kind);
        Assert.Equal(("evolution", "Portail RH"), (notice.Subject.Type, notice.Subject.Label));
        Assert.Equal(to, notice.Data["state"]);
    }

    [Fact]
    public void Every_evolution_state_has_a_side_to_tell_and_an_unknown_one_tells_nobody()
    {
        foreach (var state in new[] { "specified", "proposed", "validated", "rejected", "inProgress", "delivered", "accepted" })
        {
            Assert.NotNull(NotificationRules.NextSide(state));
        }

        Assert.Null(NotificationRules.For(Evolution("accepted", "archived")));
    }

    [Fact]
    public void A_proposal_carries_its_quote()
    {
        Assert.Equal(12_500m, NotificationRules.For(Evolution("specified", "proposed"))!.Data["quoteAmount"]);
        Assert.False(NotificationRules.For(Evolution("none", "specified"))!.Data.ContainsKey("quoteAmount"));
    }

    [Fact]
    public void An_amendment_proposed_by_the_client_reaches_the_providers_account_managers()
    {
        var notice = NotificationRules.For(Amendment("client", ClientManager.Id));
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal(new Subject("version", null, "3"), notice!.Subject);
        Assert.Equal(3, notice.Data["version"]);
        Assert.Equal("Marc Dubois", notice.Data["proposedBy"]);
    }

    [Fact]
    public void An_amendment_proposed_by_the_provider_reaches_the_clients_contract_managers_but_never_its_proposer()
    {
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Amendment("provider", AccountManager.Id))));
        // A person both sides cannot be; a proposer among the recipients' side (a misreported side) is still left out.
        Assert.Empty(Recipients(NotificationRules.For(Amendment("provider", ClientManager.Id))));
        Assert.Null(NotificationRules.For(Amendment("system", ClientManager.Id)));
    }

    [Fact]
    public void A_renewal_decision_reaches_the_providers_account_managers()
    {
        var notice = NotificationRules.For(new RenewalDecided
        {
            TenantId = Client, ContractId = Contract, Decision = "renew", PeriodEnd = new DateOnly(2027, 12, 31), RevisedMonthlyFee = 10_250.5m,
        });
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal("renew", notice.Data["decision"]);
        Assert.Equal(10_250.5m, notice.Data["revisedMonthlyFee"]);
    }

    [Fact]
    public void A_controlled_invoice_awaits_the_clients_contract_managers_saying_whether_it_has_discrepancies()
    {
        var compliant = NotificationRules.For(Controlled("controlled", 0));
        Assert.Equal([ClientManager], Recipients(compliant));
        Assert.False((bool)compliant!.Data["hasDiscrepancies"]!);
        Assert.Equal("FA-2027-031", compliant.Subject.Label);
        var faulty = NotificationRules.For(Controlled("controlled", 2));
        Assert.True((bool)faulty!.Data["hasDiscrepancies"]!);
        Assert.Equal(2, faulty.Data["discrepancyCount"]);
        Assert.Equal(500m, faulty.Data["totalAtStake"]);
    }

    [Fact]
    public void An_invoice_answered_by_a_credit_note_awaits_the_client_again_a_disputed_one_awaits_the_provider()
    {
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Controlled("answered", 0))));
        Assert.Null(NotificationRules.For(Controlled("disputed", 1)));
    }

    [Fact]
    public void A_dispute_an_approval_and_a_payment_reach_the_providers_account_managers()
    {
        var invoice = Guid.CreateVersion7();
        var disputed = NotificationRules.For(new InvoiceDisputed
        {
            TenantId = Client, ContractId = Contract, InvoiceId = invoice, Number = "FA-1", Message = "Il manque l'avoir des pénalités.", DisputedBy = "Marc Dubois",
        });
        var approved = NotificationRules.For(new InvoiceApproved
        {
            TenantId = Client, ContractId = Contract, InvoiceId = invoice, Number = "FA-1", Kind = "invoice", TotalWithVat = 12_000m, ApprovedBy = "Marc Dubois",
        });
        var paid = NotificationRules.For(new InvoicePaid
        {
            TenantId = Client, ContractId = Contract, InvoiceId = invoice, Number = "FA-1", PaidOn = new DateOnly(2027, 4, 15), TotalWithVat = 12_000m,
        });
        foreach (var (notice, kind) in new[] { (disputed, NotificationKinds.InvoiceDisputed), (approved, NotificationKinds.InvoiceApproved), (paid, NotificationKinds.InvoicePaid) })
        {
            Assert.Equal(kind, notice.Kind);
            Assert.Equal([AccountManager], Recipients(notice));
            Assert.Equal(new Subject("invoice", invoice, "FA-1"), notice.Subject);
        }

        Assert.Equal("Il manque l'avoir des pénalités.", disputed.Data["message"]);
    }

    [Fact]
    public void Nothing_reaches_the_provider_of_a_closed_contract()
    {
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Breach("P1", AgentL1.Id)), Closed));
        Assert.Empty(Recipients(NotificationRules.For(new InvoicePaid
        {
            TenantId = Client, ContractId = Contract, InvoiceId = Guid.CreateVersion7(), Number = "FA-2", PaidOn = new DateOnly(2027, 4, 15), TotalWithVat = 1m,
        }), Closed));
    }

    [Fact]
    public void Every_kind_is_listed_once()
    {
        Assert.Equal(NotificationKinds.All.Count, NotificationKinds.All.Distinct().Count());
    }

    private static readonly Guid Review = Guid.CreateVersion7();

    private static ReviewPrepared Prepared(string side, Guid preparer) => new()
    {
        TenantId = Client, ContractId = Contract, ReviewId = Review, Number = 2, Period = "2027-Q1", PreparingSide = side,
        PreparedBy = "Camille Gestion", PreparedById = preparer,
    };

    private static ReviewApproved Approved(string side, Guid approver, string? awaiting) => new()
    {
        TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-Q1", Side = side, ApprovedBy = "Camille Gestion",
        ApprovedById = approver, AwaitingSide = awaiting,
    };

    private static ReviewActionOverdue Overdue(string side) => new()
    {
        TenantId = Client, ContractId = Contract, ActionId = Guid.CreateVersion7(), RaisedInReviewId = Review, Title = "Mettre à jour le PRA",
        Side = side, Owner = "Hugo Support", DueOn = new DateOnly(2027, 4, 1), Status = "inProgress",
    };

    [Fact]
    public void A_review_prepared_by_one_side_reaches_the_other_sides_managers_but_never_its_preparer()
    {
        var notice = NotificationRules.For(Prepared("client", ClientManager.Id));
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal(new Subject("review", Review, "2027-Q1"), notice!.Subject);
        Assert.Equal("Camille Gestion", notice.Data["preparedBy"]);
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Prepared("provider", AccountManager.Id))));
        // A preparer misreported on the side told is still left out.
        Assert.Empty(Recipients(NotificationRules.For(Prepared("provider", ClientManager.Id))));
        Assert.Null(NotificationRules.For(Prepared("system", ClientManager.Id)));
    }

    [Fact]
    public void A_review_approved_by_one_side_asks_the_awaited_sides_managers_and_the_closing_approval_tells_nobody()
    {
        var notice = NotificationRules.For(Approved("client", ClientManager.Id, "provider"));
        Assert.Equal(NotificationKinds.ReviewAwaitingApproval, notice!.Kind);
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Approved("provider", AccountManager.Id, "client"))));
        // The second approval closes the review: its closing tells both sides.
        Assert.Null(NotificationRules.For(Approved("provider", AccountManager.Id, null)));
    }

    [Fact]
    public void A_withdrawn_approval_reaches_the_managers_of_the_side_that_approved_but_not_the_person_who_changed_the_minutes()
    {
        var changer = Someone(Client, "client", Infogerance.ServiceDefaults.Roles.ContractManager);
        var notice = NotificationRules.For(new ReviewApprovalWithdrawn
        {
            TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-Q1", Side = "client", ChangedBy = "Paul Client",
            ChangedById = changer.Id,
        });
        Assert.Equal([ClientManager], Recipients(notice, changer));
    }

    [Fact]
    public void A_closed_review_reaches_both_sides_managers_and_not_a_closed_contracts_provider()
    {
        var notice = NotificationRules.For(new ReviewClosed { TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-Q1", ClosedAt = Due });
        Assert.Equal([ClientManager, AccountManager], Recipients(notice));
        Assert.Equal([ClientManager], Recipients(notice, Closed));
    }

    [Fact]
    public void An_overdue_action_reaches_the_managers_of_its_side_only()
    {
        var notice = NotificationRules.For(Overdue("provider"));
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal(new Subject("review", Review, "Mettre à jour le PRA"), notice!.Subject);
        Assert.Equal(new DateOnly(2027, 4, 1), notice.Data["dueOn"]);
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(Overdue("client"))));
        Assert.Empty(Recipients(NotificationRules.For(Overdue("provider")), Closed));
        Assert.Null(NotificationRules.For(Overdue("nobody")));
    }

    private static ChecklistItemAccepted ItemAccepted(string side, Guid accepter, string? awaiting, bool ready = false) => new()
    {
        TenantId = Client, ContractId = Contract, ItemId = Guid.CreateVersion7(), Phase = "takeover", Title = "Plan d'assurance qualité",
        Side = side, AcceptedBy = "Antoine Garnier", AcceptedById = accepter, AwaitingSide = awaiting, PhaseReadyToClose = ready,
    };

    private static PhaseClosureAccepted ClosureAccepted(string side, Guid accepter, string? awaiting) => new()
    {
        TenantId = Client, ContractId = Contract, Phase = "takeover", Side = side, AcceptedBy = "Marc Dubois", AcceptedById = accepter, AwaitingSide = awaiting,
    };

    [Fact]
    public void A_checklist_item_accepted_by_the_provider_asks_the_clients_contract_managers_to_accept_it()
    {
        var notice = NotificationRules.For(ItemAccepted("provider", AccountManager.Id, "client"));
        Assert.Equal(NotificationKinds.ChecklistItemToAccept, notice!.Kind);
        Assert.Equal([ClientManager], Recipients(notice));
        Assert.Equal(("checklistItem", "Plan d'assurance qualité"), (notice.Subject.Type, notice.Subject.Label));
        Assert.Equal([AccountManager], Recipients(NotificationRules.For(ItemAccepted("client", ClientManager.Id, "provider"))));
        // The provider's people lose sight of a closed contract: they are not asked.
        Assert.Empty(Recipients(NotificationRules.For(ItemAccepted("client", ClientManager.Id, "provider")), Closed));
    }

    [Fact]
    public void The_acceptance_that_completes_the_checklist_tells_both_sides_the_phase_may_close_but_not_the_accepter()
    {
        var notice = NotificationRules.For(ItemAccepted("client", ClientManager.Id, null, ready: true));
        Assert.Equal(NotificationKinds.PhaseReadyToClose, notice!.Kind);
        Assert.Equal(new Subject("phase", null, "takeover"), notice.Subject);
        Assert.Equal([AccountManager], Recipients(notice));
        // The accepter's fellow managers are told.
        var accepter = Someone(Client, "client", Infogerance.ServiceDefaults.Roles.ContractManager);
        Assert.Equal([ClientManager, AccountManager], Recipients(NotificationRules.For(ItemAccepted("client", accepter.Id, null, ready: true)), accepter));
        // Both sides accepted the item but others still wait: nobody's news.
        Assert.Null(NotificationRules.For(ItemAccepted("client", ClientManager.Id, null)));
    }

    [Fact]
    public void A_side_accepting_the_closure_of_a_phase_asks_the_other_sides_managers_and_the_closing_acceptance_tells_nobody()
    {
        var notice = NotificationRules.For(ClosureAccepted("client", ClientManager.Id, "provider"));
        Assert.Equal(NotificationKinds.PhaseClosureProposed, notice!.Kind);
        Assert.Equal([AccountManager], Recipients(notice));
        Assert.Equal([ClientManager], Recipients(NotificationRules.For(ClosureAccepted("provider", AccountManager.Id, "client"))));
        Assert.Null(NotificationRules.For(ClosureAccepted("provider", AccountManager.Id, null)));
    }

    [Fact]
    public void A_final_month_reaches_whoever_reads_the_contracts_scorecard_on_either_side()
    {
        var notice = NotificationRules.For(new ScorecardMonthFinal { TenantId = Client, ContractId = Contract, Month = "2027-03" });
        // The steering readers: neither the client's requester, nor another tenant's or provider's people, nor the operator.
        Assert.Equal([ClientAdmin, ClientManager, ClientAuditor, AccountManager, AgentL1, AgentL2], Recipients(notice));
        Assert.Equal([ClientAdmin, ClientManager, ClientAuditor], Recipients(notice, Closed));
        Assert.Equal(new Subject("scorecard", null, "2027-03"), notice.Subject);
        Assert.Equal("2027-03", notice.Data["month"]);
    }

}
