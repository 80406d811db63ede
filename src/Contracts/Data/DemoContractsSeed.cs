using Infogerance.Contracts.Api;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Infogerance.Contracts.Data;

/// <summary>
/// The demo world's two contracts, loaded once when <see cref="ContractsSettings.SeedDemoData"/> is set: Acme's with
/// Antares in its run phase, its notice deadline at the end of the current month (so the alerts show), and
/// Belvédère Santé's with Nordlys in takeover. Dates follow today so the demo always looks current.
/// </summary>
public sealed class DemoContractsSeed(Database database, IOptions<ContractsSettings> settings, TimeProvider clock) : IStartupTask
{
    public static readonly Guid AcmeContract = DemoWorld.AcmeContract;
    public static readonly Guid BelvedereContract = DemoWorld.BelvedereContract;

    private static readonly AuditLog.Actor Seed = AuditLog.Actor.Demo;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.SeedDemoData)
        {
            return;
        }

        await using var unitOfWork = await database.BeginAsync([DemoWorld.Acme, DemoWorld.Belvedere], cancellationToken);
        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('contracts.demo-world'))");
        if (await unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM contracts WHERE contract_id = @AcmeContract)", new { AcmeContract }))
        {
            return;
        }

        var today = ContractsApi.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        await SeedAcmeAsync(unitOfWork, thisMonth.AddMonths(-32), today);
        await SeedBelvedereAsync(unitOfWork, thisMonth.AddMonths(1));
        // The prices in force are announced as at any signature (Acme's revised at its last anniversary), and each
        // contract's next revision is scheduled.
        foreach (var id in new[] { AcmeContract, BelvedereContract })
        {
            await PriceRevisions.AfterVersionChangeAsync(unitOfWork, (await ContractStore.LoadAsync(unitOfWork, id))!, clock);
        }

        await unitOfWork.CommitAsync();
    }

    /// <summary>The default terms with the fee the demo's contracts were signed at: a new draft has none.</summary>
    private static ContractTerms Terms(DateOnly start) =>
        DefaultTerms.For(start) with { Prices = DefaultTerms.For(start).Prices with { MonthlyFee = 12_500m } };

    private static async Task SeedAcmeAsync(UnitOfWork unitOfWork, DateOnly start, DateOnly today)
    {
        var contract = await CreateAsync(unitOfWork, DemoWorld.Acme, AcmeContract, DemoWorld.Antares, "ACME-INFOG-01",
            "Infogérance du système d’information d’Acme Industries", Terms(start), "Marc Dubois");
        await RequirementsAsync(unitOfWork, contract);
        await InventoryAsync(unitOfWork, contract,
        [
            ("server", "Serveurs de production (ERP, messagerie)", 14, "critical", "Lyon — salle A"),
            ("server", "Serveurs de recette", 6, "medium", "Lyon — salle B"),
            ("workstation", "Postes de travail", 420, "medium", "Tous sites"),
            ("network", "Commutateurs et pare-feux", 38, "high", "Lyon, Grenoble"),
            ("software", "ERP de gestion de production", 1, "critical", null),
            ("licence", "Licences bureautiques", 430, "low", null),
            ("fileShare", "Partages de fichiers des services", 12, "medium", "NAS Lyon"),
            ("database", "Bases PostgreSQL et SQL Server", 9, "critical", "Lyon — salle A"),
        ]);
        contract = await SignAsync(unitOfWork, contract, start);
        contract = await ContractStore.ChangePhaseAsync(unitOfWork, contract, Phases.Takeover, Seed);
        await ChecklistsApi.OpenChecklistAsync(unitOfWork, contract, Phases.Takeover);
        await unitOfWork.ExecuteAsync(
            """
            UPDATE checklist_items SET client_accepted_by = 'Marc Dubois', client_accepted_at = @at,
                                       provider_accepted_by = 'Antoine Garnier', provider_accepted_at = @at
            WHERE tenant_id = @TenantId AND contract_id = @ContractId
            """,
            new { contract.TenantId, contract.ContractId, at = At(start.AddMonths(2)) });
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO phase_closures (tenant_id, contract_id, phase, side, accepted_by, accepted_at)
            VALUES (@TenantId, @ContractId, 'takeover', 'client', 'Marc Dubois', @at), (@TenantId, @ContractId, 'takeover', 'provider', 'Antoine Garnier', @at)
            """,
            new { contract.TenantId, contract.ContractId, at = At(start.AddMonths(2)) });
        contract = await ContractStore.ChangePhaseAsync(unitOfWork, contract, Phases.Run, Seed, at: At(start.AddMonths(2)));

        // A year in, an amendment added on-call support to the price schedule.
        var amended = Terms(start) with
        {
            Prices = Terms(start).Prices with
            {
                MonthlyFee = 13_200m,
                WorkUnits = [.. Terms(start).Prices.WorkUnits, new WorkUnitPrice("UO-ASTR", "Astreinte de nuit et de week-end", 380m)],
            },
        };
        var effective = start.AddMonths(12);
        var number = await ContractStore.InsertVersionAsync(unitOfWork, contract, "active", "amendment", amended, effective, "Ajout de l’astreinte");
        await unitOfWork.ExecuteAsync(
            """
            UPDATE contract_versions SET proposed_by = 'Antoine Garnier', proposed_side = 'provider', proposed_at = @proposed,
                                         countersigned_by = 'Marc Dubois', countersigned_at = @countersigned
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number
            """,
            new { contract.TenantId, contract.ContractId, number, proposed = At(effective.AddDays(-30)), countersigned = At(effective.AddDays(-20)) });
        await ContractStore.AnnounceVersionAsync(unitOfWork, contract, number, effective, amended);

        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO evolution_requests (tenant_id, contract_id, evolution_id, title, specification, state, solution, quote_amount, plan, created_by, created_at, updated_at)
            VALUES (@TenantId, @ContractId, @id, 'Supervision des automates de l’usine de Grenoble',
                    'Étendre la supervision 24×7 aux 40 automates de la ligne 3, avec alertes vers le support de niveau 2.',
                    'proposed', 'Collecte SNMP par deux sondes redondantes, tableaux de bord dédiés, procédures d’escalade mises à jour.',
                    18400.00, 'Étude : 2 semaines ; déploiement : 4 semaines ; recette : 1 semaine.', 'Marc Dubois', now(), now())
            """,
            new { contract.TenantId, contract.ContractId, id = Guid.CreateVersion7() });
        await ContractStore.ScheduleNoticeAsync(unitOfWork, contract, today);
    }

    private static async Task SeedBelvedereAsync(UnitOfWork unitOfWork, DateOnly start)
    {
        var terms = Terms(start) with
        {
            InitialTermMonths = 48,
            NoticeMonths = 6,
            Calendar = new ServiceCalendar
            {
                TimeZone = "Europe/Paris",
                Weekly = [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" }.Select(day => new OpeningInterval(day, "07:00", "20:00"))],
                HolidayPacks = ["FR-ALSACE-MOSELLE"],
            },
            // A hospital's information system: care stops when it does, so no breach is tolerated, answers to P1s are
            // priced as well as their resolution, and availability is measured from 99.9 %.
            Penalties = new PenaltyRules
            {
                PerBreach =
                [
                    new("P1", PenaltyKinds.Fixed, 300m, SlaClocks.Respond),
                    new("P1", PenaltyKinds.Fixed, 800m, SlaClocks.Resolve),
                    new("P2", PenaltyKinds.PercentOfFee, 1.5m, SlaClocks.Resolve),
                    new("P3", PenaltyKinds.PercentOfFee, 0.3m),
                ],
                MonthlyFreeBreaches = 0,
                SuccessRateTargets =
                [
                    new("P1", SlaClocks.Respond, 98m, 1m, 8m),
                    new("P1", SlaClocks.Resolve, 98m, 1m, 8m),
                    new("P2", SlaClocks.Resolve, 95m, 0.5m, 5m),
                ],
                AvailabilityBands =
                [
                    new(99.9m, 3m),
                    new(99.5m, 6m),
                    new(99m, 10m),
                ],
                MonthlyCapPercent = 15m,
                AnnualCapPercent = 10m,
                MinimumTotal = 0m,
            },
        };
        var contract = await CreateAsync(unitOfWork, DemoWorld.Belvedere, BelvedereContract, DemoWorld.Nordlys, "BELV-TMA-2026",
            "Tierce maintenance applicative et support du système d’information hospitalier", terms, "Bruno Caron");
        await InventoryAsync(unitOfWork, contract,
        [
            ("software", "Dossier patient informatisé", 1, "critical", "Strasbourg"),
            ("server", "Serveurs applicatifs du DPI", 8, "critical", "Strasbourg — datacenter"),
            ("database", "Bases du DPI et du PACS", 4, "critical", "Strasbourg — datacenter"),
            ("workstation", "Postes des services de soins", 260, "high", "Strasbourg, Colmar"),
        ]);
        contract = await SignAsync(unitOfWork, contract, start);
        contract = await ContractStore.ChangePhaseAsync(unitOfWork, contract, Phases.Takeover, Seed);
        await ChecklistsApi.OpenChecklistAsync(unitOfWork, contract, Phases.Takeover);
        await unitOfWork.ExecuteAsync(
            """
            UPDATE checklist_items SET client_accepted_by = 'Bruno Caron', client_accepted_at = now(),
                                       provider_accepted_by = 'Ingrid Solberg', provider_accepted_at = now()
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND category = 'knowledgeTransfer'
            """,
            contract);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO workstreams (tenant_id, contract_id, workstream_id, name, progress)
            VALUES (@TenantId, @ContractId, @a, 'Fiabilisation des interfaces HL7', 40), (@TenantId, @ContractId, @b, 'Documentation d’exploitation', 15)
            """,
            new { contract.TenantId, contract.ContractId, a = Guid.CreateVersion7(), b = Guid.CreateVersion7() });
    }

    private static async Task<ContractRow> CreateAsync(
        UnitOfWork unitOfWork, Guid tenant, Guid id, Guid provider, string reference, string title, ContractTerms terms, string createdBy)
    {
        var contract = new ContractRow(tenant, id, reference, title, provider, Phases.Draft, null, DateTimeOffset.UtcNow, createdBy, null, null, null, null, 1);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO contracts (tenant_id, contract_id, reference, title, provider_organisation_id, phase, created_at, created_by, row_version)
            VALUES (@TenantId, @ContractId, @Reference, @Title, @ProviderOrganisationId, @Phase, @CreatedAt, @CreatedBy, @RowVersion)
            """,
            contract);
        await ContractStore.InsertVersionAsync(unitOfWork, contract, "draft", "signature", terms, null, null);
        await ContractStore.AuditAsync(unitOfWork, contract, Seed, "contract.created", "contract", id, null, new { reference, title, provider });
        await ContractStore.AnnouncePartiesAsync(unitOfWork, contract);
        return contract;
    }

    private static async Task<ContractRow> SignAsync(UnitOfWork unitOfWork, ContractRow contract, DateOnly start)
    {
        var terms = (await ContractStore.VersionAsync(unitOfWork, contract, 1))!.ReadTerms();
        await unitOfWork.ExecuteAsync(
            """
            UPDATE contract_versions SET status = 'active', effective_from = @start, countersigned_by = @CreatedBy, countersigned_at = @at
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = 1
            """,
            new { contract.TenantId, contract.ContractId, contract.CreatedBy, start, at = At(start.AddDays(-20)) });
        var signed = await ContractStore.ChangePhaseAsync(unitOfWork, contract with { SignedAt = At(start.AddDays(-20)), SignedBy = contract.CreatedBy }, Phases.Signed, Seed);
        await unitOfWork.AddEventAsync(new ContractSigned
        {
            TenantId = contract.TenantId, ContractId = contract.ContractId, ProviderOrganisationId = contract.ProviderOrganisationId,
            Reference = contract.Reference, StartDate = start,
        });
        await ContractStore.AnnounceVersionAsync(unitOfWork, contract, 1, start, terms);
        return signed;
    }

    private static async Task RequirementsAsync(UnitOfWork unitOfWork, ContractRow contract)
    {
        (string Category, string Level, string Criterion)[] items =
        [
            ("Support utilisateurs", "Centre de services joignable de 8 h 30 à 18 h, jours ouvrés", "95 % des appels décrochés en moins de 60 secondes"),
            ("Exploitation", "Supervision 24×7 des serveurs de production", "Incident P1 pris en charge en moins de 15 minutes"),
            ("Sauvegardes", "Sauvegarde quotidienne, rétention 30 jours", "Test de restauration mensuel réussi"),
            ("Sécurité", "Correctifs de sécurité critiques appliqués sous 7 jours", "Rapport mensuel de conformité des correctifs"),
            ("Disponibilité", "ERP disponible 99,5 % du temps ouvré", "Mesure mensuelle par service"),
        ];
        foreach (var (category, level, criterion) in items)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO requirement_items (tenant_id, contract_id, item_id, category, expected_level, acceptance_criterion)
                VALUES (@TenantId, @ContractId, @id, @category, @level, @criterion)
                """,
                new { contract.TenantId, contract.ContractId, id = Guid.CreateVersion7(), category, level, criterion });
        }
    }

    private static async Task InventoryAsync(
        UnitOfWork unitOfWork, ContractRow contract, IEnumerable<(string Type, string Name, int Quantity, string Criticality, string? Location)> items)
    {
        foreach (var item in items)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, quantity, criticality, location)
                VALUES (@TenantId, @ContractId, @id, @Type, @Name, @Quantity, @Criticality, @Location)
                """,
                new { contract.TenantId, contract.ContractId, id = Guid.CreateVersion7(), item.Type, item.Name, item.Quantity, item.Criticality, item.Location });
        }

        await ContractStore.InventoryChangedAsync(unitOfWork, contract);
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}
