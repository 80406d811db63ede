using System.Text.Json;
using Infogerance.Data;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Data;

/// <summary>A review's row: its header, the contract's tenant it is stored under, and the frozen snapshot and approved plan as JSON.</summary>
public sealed record ReviewRow(Guid TenantId, ReviewHeader Header, string Snapshot, string? ApprovedActions);

/// <summary>The periodic reviews of a contract and its action plan.</summary>
public static class ReviewStore
{
    /// <summary>How the snapshot and the approved plan are kept: the API's own JSON shape.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private const string HeaderColumns =
        """
        tenant_id, review_id, contract_id, number, period, cadence, period_from, period_to, title, meeting_on, status, version, prepared_at,
        prepared_by, prepared_side, client_approved_at, client_approved_by, client_approved_by_id, provider_approved_at, provider_approved_by,
        provider_approved_by_id, closed_at, snapshot::text AS snapshot, approved_actions::text AS approved_actions
        """;

    private sealed record Row(
        Guid TenantId, Guid ReviewId, Guid ContractId, int Number, string Period, string Cadence, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo,
        string? Title, DateOnly? MeetingOn, string Status, int Version, DateTimeOffset PreparedAt, string PreparedBy, string PreparedSide,
        DateTimeOffset? ClientApprovedAt, string? ClientApprovedBy, Guid? ClientApprovedById, DateTimeOffset? ProviderApprovedAt, string? ProviderApprovedBy,
        Guid? ProviderApprovedById, DateTimeOffset? ClosedAt, string Snapshot, string? ApprovedActions)
    {
        public ReviewRow ToReview() => new(
            TenantId,
            new ReviewHeader(
                ReviewId, ContractId, Number, Period, Cadence, PeriodFrom, PeriodTo, Title, MeetingOn, Status, Version, PreparedAt, PreparedBy, PreparedSide,
                new Approvals(
                    ClientApprovedAt is { } clientAt ? new Approval(ClientApprovedBy!, ClientApprovedById!.Value, clientAt) : null,
                    ProviderApprovedAt is { } providerAt ? new Approval(ProviderApprovedBy!, ProviderApprovedById!.Value, providerAt) : null),
                ClosedAt),
            Snapshot, ApprovedActions);
    }

    private sealed record ActionRow(
        Guid ActionId, Guid RaisedIn, string Title, string Side, string Owner, DateOnly DueOn, string Status, int Version, DateTimeOffset CreatedAt,
        string CreatedBy, DateTimeOffset UpdatedAt);

    private sealed record NoteRow(Guid ActionId, Guid NoteId, DateTimeOffset At, string Author, string Side, string? Text, string? FromStatus, string? ToStatus);

    /// <summary>The contract's reviews, the latest first.</summary>
    public static async Task<IReadOnlyList<ReviewRow>> ListAsync(UnitOfWork unitOfWork, Guid contractId) =>
        [.. (await unitOfWork.QueryAsync<Row>(
            $"SELECT {HeaderColumns} FROM reviews WHERE contract_id = @contractId ORDER BY number DESC", new { contractId }))
            .Select(row => row.ToReview())];

    /// <summary>The review, locked for a change when <paramref name="forUpdate"/>; null when the caller does not see it.</summary>
    public static async Task<ReviewRow?> LoadAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId, bool forUpdate = false) =>
        (await unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {HeaderColumns} FROM reviews WHERE contract_id = @contractId AND review_id = @reviewId {(forUpdate ? "FOR UPDATE" : "")}",
            new { contractId, reviewId }))?.ToReview();

    /// <summary>The contract's open review, locked; null when every review of it is closed.</summary>
    public static async Task<ReviewRow?> LockOpenAsync(UnitOfWork unitOfWork, Guid contractId) =>
        (await unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {HeaderColumns} FROM reviews WHERE contract_id = @contractId AND status = 'open' FOR UPDATE", new { contractId }))?.ToReview();

    /// <summary>Serialises the preparations of one contract's reviews (their numbers, the one open review).</summary>
    public static Task LockContractAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('reviews:' || @contractId::text, 0))", new { contractId });

    public static Task<bool> PeriodTakenAsync(UnitOfWork unitOfWork, Guid contractId, string period) =>
        unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM reviews WHERE contract_id = @contractId AND period = @period)", new { contractId, period });

    public static Task<int> NextNumberAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.ExecuteScalarAsync<int>("SELECT coalesce(max(number), 0) + 1 FROM reviews WHERE contract_id = @contractId", new { contractId });

    public static Task InsertAsync(UnitOfWork unitOfWork, Guid tenantId, ReviewHeader review, Guid preparedById, ReviewSnapshot snapshot) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO reviews (tenant_id, contract_id, review_id, number, period, cadence, period_from, period_to, title, meeting_on, status, version,
                                 snapshot, prepared_at, prepared_by, prepared_by_id, prepared_side)
            VALUES (@tenantId, @ContractId, @Id, @Number, @Period, @Cadence, @From, @To, @Title, @MeetingOn, @Status, @Version,
                    @snapshot::jsonb, @PreparedAt, @PreparedBy, @preparedById, @PreparedSide)
            """,
            new
            {
                tenantId, review.ContractId, review.Id, review.Number, review.Period, review.Cadence, From = review.From.UtcDateTime, To = review.To.UtcDateTime,
                review.Title, review.MeetingOn, review.Status, review.Version, snapshot = JsonSerializer.Serialize(snapshot, Json),
                PreparedAt = review.PreparedAt.UtcDateTime, review.PreparedBy, preparedById, review.PreparedSide,
            });

    /// <summary>Writes the review's version and approvals (and, once closed, its status, closing instant and approved plan).</summary>
    public static Task SaveAsync(UnitOfWork unitOfWork, ReviewHeader review, IReadOnlyList<ActionItem>? approvedActions = null) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE reviews SET version = @Version, status = @Status, closed_at = @closedAt, meeting_on = @MeetingOn, title = @Title,
                client_approved_at = @clientAt, client_approved_by = @clientBy, client_approved_by_id = @clientById,
                provider_approved_at = @providerAt, provider_approved_by = @providerBy, provider_approved_by_id = @providerById,
                approved_actions = coalesce(@approved::jsonb, approved_actions)
            WHERE contract_id = @ContractId AND review_id = @Id
            """,
            new
            {
                review.Version, review.Status, closedAt = review.ClosedAt?.UtcDateTime, review.MeetingOn, review.Title,
                clientAt = review.Approvals.Client?.At.UtcDateTime, clientBy = review.Approvals.Client?.By, clientById = review.Approvals.Client?.ById,
                providerAt = review.Approvals.Provider?.At.UtcDateTime, providerBy = review.Approvals.Provider?.By,
                providerById = review.Approvals.Provider?.ById,
                approved = approvedActions is null ? null : JsonSerializer.Serialize(approvedActions, Json), review.ContractId, review.Id,
            });

    /// <summary>Deletes an open review with its comments, points and the items raised in it (those carried over stay on the plan).</summary>
    public static Task DeleteAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId) =>
        unitOfWork.ExecuteAsync(
            """
            DELETE FROM review_action_notes WHERE contract_id = @contractId
                AND action_id IN (SELECT action_id FROM review_actions WHERE contract_id = @contractId AND raised_in = @reviewId);
            DELETE FROM review_action_deadlines
            WHERE action_id IN (SELECT action_id FROM review_actions WHERE contract_id = @contractId AND raised_in = @reviewId);
            DELETE FROM review_actions WHERE contract_id = @contractId AND raised_in = @reviewId;
            DELETE FROM review_carried_actions WHERE contract_id = @contractId AND review_id = @reviewId;
            DELETE FROM review_points WHERE contract_id = @contractId AND review_id = @reviewId;
            DELETE FROM review_comments WHERE contract_id = @contractId AND review_id = @reviewId;
            DELETE FROM reviews WHERE contract_id = @contractId AND review_id = @reviewId;
            """,
            new { contractId, reviewId });

    public static ReviewSnapshot SnapshotOf(ReviewRow review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return JsonSerializer.Deserialize<ReviewSnapshot>(review.Snapshot, Json) ?? throw new InvalidOperationException("A review without its snapshot.");
    }

    public static IReadOnlyList<ActionItem>? ApprovedActionsOf(ReviewRow review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.ApprovedActions is null ? null : JsonSerializer.Deserialize<List<ActionItem>>(review.ApprovedActions, Json);
    }

    // Comments.

    public static async Task<IReadOnlyList<IndicatorComment>> CommentsAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId) =>
        [.. await unitOfWork.QueryAsync<IndicatorComment>(
            """
            SELECT indicator, side, text, author, updated_at AS at, version FROM review_comments
            WHERE contract_id = @contractId AND review_id = @reviewId
            """,
            new { contractId, reviewId })];

    public static Task<IndicatorComment?> CommentAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId, string indicator, string side) =>
        unitOfWork.QuerySingleOrDefaultAsync<IndicatorComment>(
            """
            SELECT indicator, side, text, author, updated_at AS at, version FROM review_comments
            WHERE contract_id = @contractId AND review_id = @reviewId AND indicator = @indicator AND side = @side
            """,
            new { contractId, reviewId, indicator, side });

    public static Task SaveCommentAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid reviewId, IndicatorComment comment, Guid authorId) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO review_comments (tenant_id, contract_id, review_id, indicator, side, text, author, author_id, updated_at, version)
            VALUES (@tenantId, @contractId, @reviewId, @Indicator, @Side, @Text, @Author, @authorId, @at, @Version)
            ON CONFLICT (tenant_id, review_id, indicator, side) DO UPDATE
                SET text = excluded.text, author = excluded.author, author_id = excluded.author_id, updated_at = excluded.updated_at, version = excluded.version
            """,
            new { tenantId, contractId, reviewId, comment.Indicator, comment.Side, comment.Text, comment.Author, authorId, at = comment.At.UtcDateTime, comment.Version });

    public static Task DeleteCommentAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId, string indicator, string side) =>
        unitOfWork.ExecuteAsync(
            "DELETE FROM review_comments WHERE contract_id = @contractId AND review_id = @reviewId AND indicator = @indicator AND side = @side",
            new { contractId, reviewId, indicator, side });

    // Decisions and improvement axes.

    public static async Task<IReadOnlyList<ReviewPoint>> PointsAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId) =>
        [.. await unitOfWork.QueryAsync<ReviewPoint>(
            """
            SELECT point_id AS id, kind, axis, text, side, author, created_at, updated_at, version FROM review_points
            WHERE contract_id = @contractId AND review_id = @reviewId ORDER BY created_at, point_id
            """,
            new { contractId, reviewId })];

    public static Task<ReviewPoint?> PointAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId, string kind, Guid pointId) =>
        unitOfWork.QuerySingleOrDefaultAsync<ReviewPoint>(
            """
            SELECT point_id AS id, kind, axis, text, side, author, created_at, updated_at, version FROM review_points
            WHERE contract_id = @contractId AND review_id = @reviewId AND kind = @kind AND point_id = @pointId
            """,
            new { contractId, reviewId, kind, pointId });

    public static Task SavePointAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid reviewId, ReviewPoint point, Guid authorId) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO review_points (tenant_id, contract_id, review_id, point_id, kind, axis, text, side, author, author_id, created_at, updated_at, version)
            VALUES (@tenantId, @contractId, @reviewId, @Id, @Kind, @Axis, @Text, @Side, @Author, @authorId, @createdAt, @updatedAt, @Version)
            ON CONFLICT (tenant_id, point_id) DO UPDATE
                SET axis = excluded.axis, text = excluded.text, side = excluded.side, author = excluded.author, author_id = excluded.author_id,
                    updated_at = excluded.updated_at, version = excluded.version
            """,
            new
            {
                tenantId, contractId, reviewId, point.Id, point.Kind, point.Axis, point.Text, point.Side, point.Author, authorId,
                createdAt = point.CreatedAt.UtcDateTime, updatedAt = point.UpdatedAt.UtcDateTime, point.Version,
            });

    public static Task DeletePointAsync(UnitOfWork unitOfWork, Guid contractId, Guid pointId) =>
        unitOfWork.ExecuteAsync("DELETE FROM review_points WHERE contract_id = @contractId AND point_id = @pointId", new { contractId, pointId });

    // The action plan.

    /// <summary>Every item of the contract's action plan with its follow-up, by due day.</summary>
    public static Task<IReadOnlyList<ActionItem>> ActionsAsync(UnitOfWork unitOfWork, Guid contractId) =>
        ActionsWhereAsync(unitOfWork, contractId, "contract_id = @contractId", new { contractId });

    /// <summary>The items raised in the review or carried over to it, with their follow-up.</summary>
    public static Task<IReadOnlyList<ActionItem>> ActionsOfAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId) =>
        ActionsWhereAsync(
            unitOfWork,
            contractId,
            """
            contract_id = @contractId AND (raised_in = @reviewId
                OR action_id IN (SELECT action_id FROM review_carried_actions WHERE contract_id = @contractId AND review_id = @reviewId))
            """,
            new { contractId, reviewId });

    /// <summary>One item, locked for a change; null when the caller does not see it.</summary>
    public static async Task<ActionItem?> LockActionAsync(UnitOfWork unitOfWork, Guid contractId, Guid actionId)
    {
        var row = await unitOfWork.QuerySingleOrDefaultAsync<ActionRow>(
            $"SELECT {ActionColumns} FROM review_actions WHERE contract_id = @contractId AND action_id = @actionId FOR UPDATE", new { contractId, actionId });
        return row is null ? null : (await WithNotesAsync(unitOfWork, contractId, [row]))[0];
    }

    public static async Task<IReadOnlyList<CarriedAction>> CarriedAsync(UnitOfWork unitOfWork, Guid contractId, Guid reviewId) =>
        [.. await unitOfWork.QueryAsync<CarriedAction>(
            "SELECT action_id, status, due_on FROM review_carried_actions WHERE contract_id = @contractId AND review_id = @reviewId",
            new { contractId, reviewId })];

    public static Task CarryAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid reviewId, IReadOnlyList<CarriedAction> carried) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO review_carried_actions (tenant_id, contract_id, review_id, action_id, status, due_on)
            SELECT @tenantId, @contractId, @reviewId, c.action_id, c.status, c.due_on
            FROM unnest(@ids::uuid[], @statuses::text[], @days::date[]) AS c (action_id, status, due_on)
            """,
            new
            {
                tenantId, contractId, reviewId, ids = carried.Select(c => c.ActionId).ToArray(), statuses = carried.Select(c => c.Status).ToArray(),
                days = carried.Select(c => c.DueOn).ToArray(),
            });

    /// <summary>Writes the item, and its due day for the overdue pass while it is still to do.</summary>
    public static async Task SaveActionAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, ActionItem action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO review_actions (tenant_id, contract_id, action_id, raised_in, title, side, owner, due_on, status, version, created_at, created_by, updated_at)
            VALUES (@tenantId, @contractId, @Id, @RaisedInReviewId, @Title, @Side, @Owner, @DueOn, @Status, @Version, @createdAt, @CreatedBy, @updatedAt)
            ON CONFLICT (tenant_id, action_id) DO UPDATE
                SET title = excluded.title, side = excluded.side, owner = excluded.owner, due_on = excluded.due_on, status = excluded.status,
                    version = excluded.version, updated_at = excluded.updated_at
            """,
            new
            {
                tenantId, contractId, action.Id, action.RaisedInReviewId, action.Title, action.Side, action.Owner, action.DueOn, action.Status, action.Version,
                createdAt = action.CreatedAt.UtcDateTime, action.CreatedBy, updatedAt = action.UpdatedAt.UtcDateTime,
            });
        await unitOfWork.ExecuteAsync(
            ActionStatuses.IsPending(action.Status)
                ? """
                  INSERT INTO review_action_deadlines (action_id, tenant_id, contract_id, due_on) VALUES (@Id, @tenantId, @contractId, @DueOn)
                  ON CONFLICT (action_id) DO UPDATE
                      SET due_on = excluded.due_on, told = review_action_deadlines.told AND review_action_deadlines.due_on = excluded.due_on
                  """
                : "DELETE FROM review_action_deadlines WHERE action_id = @Id",
            new { action.Id, tenantId, contractId, action.DueOn });
    }

    public static Task AddNoteAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid actionId, ActionNote note, Guid authorId) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO review_action_notes (tenant_id, contract_id, action_id, note_id, at, author, author_id, side, text, from_status, to_status)
            VALUES (@tenantId, @contractId, @actionId, @Id, @at, @Author, @authorId, @Side, @Text, @FromStatus, @ToStatus)
            """,
            new { tenantId, contractId, actionId, note.Id, at = note.At.UtcDateTime, note.Author, authorId, note.Side, note.Text, note.FromStatus, note.ToStatus });

    private const string ActionColumns =
        "action_id, raised_in, title, side, owner, due_on, status, version, created_at, created_by, updated_at";

    private static async Task<IReadOnlyList<ActionItem>> ActionsWhereAsync(UnitOfWork unitOfWork, Guid contractId, string where, object parameters)
    {
        var rows = (await unitOfWork.QueryAsync<ActionRow>($"SELECT {ActionColumns} FROM review_actions WHERE {where} ORDER BY due_on, created_at, action_id", parameters))
            .ToList();
        return await WithNotesAsync(unitOfWork, contractId, rows);
    }

    private static async Task<IReadOnlyList<ActionItem>> WithNotesAsync(UnitOfWork unitOfWork, Guid contractId, IReadOnlyList<ActionRow> rows)
    {
        var notes = (await unitOfWork.QueryAsync<NoteRow>(
            """
            SELECT action_id, note_id, at, author, side, text, from_status, to_status FROM review_action_notes
            WHERE contract_id = @contractId AND action_id = ANY (@ids) ORDER BY at, note_id
            """,
            new { contractId, ids = rows.Select(r => r.ActionId).ToArray() }))
            .ToLookup(n => n.ActionId, n => new ActionNote(n.NoteId, n.At, n.Author, n.Side, n.Text, n.FromStatus, n.ToStatus));
        return [.. rows.Select(r => new ActionItem(
            r.ActionId, r.RaisedIn, r.Title, r.Side, r.Owner, r.DueOn, r.Status, r.Version, r.CreatedAt, r.CreatedBy, r.UpdatedAt, [.. notes[r.ActionId]]))];
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
