using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Results;

/// <summary>
/// Recording and correcting inspection results (检查结果录入, seed §二.六.3): only an inspector assigned now to a sampled
/// object of the task's current, assigned round writes, naming at least two inspectors assigned to it as present.
/// </summary>
public static class ResultDecisions
{
    public const int MinimumPresent = 2;
    public const int EntityIdLength = 18;
    public const int ItemCodeLength = 32;
    public const int FindingsLength = 4000;
    public const int MaximumAttachments = 50;

    /// <summary>The largest evidence file a result may reference (64 MiB).</summary>
    public const long MaximumAttachmentSize = 64L * 1024 * 1024;

    /// <summary>
    /// A result's key as the request gives it (body or route), checked before anything is read with it: a stream key or
    /// a query parameter with a control character would otherwise reach the database and fail there.
    /// </summary>
    public static (string EntityId, string ItemCode) Key(string? entityId, string? itemCode) =>
        (Text.Required(entityId, "entityId", EntityIdLength), Text.Required(itemCode, "itemCode", ItemCodeLength));

    /// <summary>
    /// Records the first result of an item at an object; a second recording is a conflict (correct it instead).
    /// <paramref name="kept"/> is the current round's book when the caller keeps one (a round of 6,000 objects takes
    /// milliseconds to book); a book of any other round is not used.
    /// </summary>
    public static IReadOnlyList<object> Record(
        PlannedTask task, TaskDraw? draw, InspectionItem? item, InspectionResult? existing, RecordResult command, Actor actor, Instant now,
        AssignmentBook? kept = null)
    {
        var entityId = Text.Required(command.EntityId, "entityId", EntityIdLength);
        var (round, book) = AssignedTo(task, draw, entityId, actor, kept);
        var itemCode = ItemOfTask(task, item, command.ItemCode);
        if (existing is not null)
        {
            throw DomainException.Conflict("itemCode", $"该对象的事项{itemCode}已录入结果，只能更正 / the result of item {itemCode} at {entityId} is recorded: correct it instead");
        }

        var content = Content(command.Result, item!, round, book.InspectorsOf(entityId), now);
        return [new InspectionResultRecorded(
            task.TaskId, round.Number, entityId, itemCode, content, task.Spec.End, content.InspectionDate > task.Spec.End, actor.Id, now)];
    }

    /// <summary>Corrects a recorded result with a reason; the earlier events stay as they were (<paramref name="kept"/>: as Record's).</summary>
    public static IReadOnlyList<object> Correct(
        PlannedTask task, TaskDraw? draw, InspectionItem? item, InspectionResult? existing, string entityId, string itemCode,
        CorrectResult command, Actor actor, Instant now, AssignmentBook? kept = null)
    {
        var (round, book) = AssignedTo(task, draw, entityId, actor, kept);
        ItemOfTask(task, item, itemCode);
        var result = Recorded(existing, entityId, itemCode);
        ResultApprovals.RequireUnapproved(result);
        var content = Content(command.Result, item!, round, book.InspectorsOf(entityId), now);
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return [new InspectionResultCorrected(
            task.TaskId, round.Number, entityId, itemCode, result.Corrections.Count + 1, content, task.Spec.End,
            content.InspectionDate > task.Spec.End, reason, actor.Id, now)];
    }

    /// <summary>The result a step acts on; a step on a result nobody recorded is a 404 naming the item.</summary>
    public static InspectionResult Recorded(InspectionResult? existing, string entityId, string itemCode) =>
        existing ?? throw DomainException.NotFound("itemCode", $"对象{entityId}的事项{itemCode}尚无检查结果 / no result of item {itemCode} at {entityId} is recorded");

    private static string ItemOfTask(PlannedTask task, InspectionItem? item, string? code)
    {
        var itemCode = Text.Required(code, "itemCode", ItemCodeLength);
        return item is not null && item.Code == itemCode && task.Spec.ItemCodes.Contains(itemCode)
            ? itemCode
            : throw DomainException.Invalid("itemCode", $"任务{task.TaskId}不含抽查事项{itemCode} / task {task.TaskId} has no item {itemCode}");
    }

    /// <summary>
    /// The task's current round and its assignment book, once <paramref name="actor"/> is an inspector assigned now to
    /// <paramref name="entityId"/>, which that round samples (not substituted out).
    /// </summary>
    private static (DrawRound Round, AssignmentBook Book) AssignedTo(
        PlannedTask task, TaskDraw? draw, string entityId, Actor actor, AssignmentBook? kept)
    {
        actor.RequireRole("录入检查结果 / record inspection results", Role.Inspector);
        // A city's inspector may be assigned to a district's task, and a district's to its city's.
        if (!task.Jurisdiction.Covers(actor.Jurisdiction))
        {
            actor.RequireJurisdiction(task.Jurisdiction);
        }

        var round = draw?.Current;
        if (round is null || round.SetAside is not null || round.Assignment is null)
        {
            throw DomainException.Conflict("taskId", $"任务{task.TaskId}尚无已匹配检查人员的摇号 / task {task.TaskId} has no round with inspectors assigned");
        }

        var book = kept is not null && ReferenceEquals(kept.Round, round) ? kept : AssignmentBook.Of(round);
        if (!book.Samples(entityId))
        {
            throw DomainException.Conflict("entityId", $"对象{entityId}不在第{round.Number}轮的抽中名单中（或已被替换） / {entityId} is not in round {round.Number}'s sample (or was substituted out)");
        }

        return book.InspectorsOf(entityId).Contains(actor.Id)
            ? (round, book)
            : throw new DomainException(
                DomainErrorKind.Forbidden, "entityId", $"检查人员{actor.Id}现未被指派检查对象{entityId} / inspector {actor.Id} is not assigned to {entityId} now");
    }

    private static ResultContent Content(ResultInput? input, InspectionItem item, DrawRound round, IReadOnlyList<string> assigned, Instant now)
    {
        var given = input ?? throw DomainException.Invalid("result", "缺少检查结果 / the result is missing");
        var method = Text.Enum(given.Method, "result.method", ItemLabels.Methods);
        if (!item.Methods.Contains(method))
        {
            throw DomainException.Invalid("result.method", $"事项{item.Code}的检查方式不含“{ItemLabels.Methods[method]}” / item {item.Code} is not inspected by {method}");
        }

        var date = Text.IsoDate(given.InspectionDate, "result.inspectionDate");
        var executed = BeijingTime.DateOf(round.Execution!.ExecutedAt);
        if (date > BeijingTime.DateOf(now) || date < executed)
        {
            throw DomainException.Invalid(
                "result.inspectionDate", $"检查日期应在摇号日{executed:yyyy-MM-dd}至今天之间 / the inspection date must lie between the draw's {executed:yyyy-MM-dd} and today");
        }

        var outcome = Text.Enum(given.Outcome, "result.outcome", ResultOutcomes.Outcomes);
        return new ResultContent(
            method, date, Present(given.Inspectors, assigned), outcome, SubReason(given.SubReason, outcome),
            Text.Optional(given.Findings, "result.findings", FindingsLength, multiline: true), Attachments(given.Attachments));
    }

    /// <summary>The law-enforcement rule: at least two inspectors present, every one assigned to the object now.</summary>
    private static IReadOnlyList<string> Present(IReadOnlyList<string>? inspectors, IReadOnlyList<string> assigned)
    {
        var present = (inspectors ?? []).Select(id => id?.Trim() ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (present.Count < MinimumPresent)
        {
            throw DomainException.Invalid("result.inspectors", $"检查人员不得少于{MinimumPresent}名 / at least {MinimumPresent} inspectors must be present");
        }

        return present.FirstOrDefault(id => !assigned.Contains(id)) is { } stranger
            ? throw DomainException.Invalid("result.inspectors", $"检查人员{stranger}现未被指派检查该对象 / inspector '{stranger}' is not assigned to this object now")
            : present;
    }

    private static FollowUpReason? SubReason(string? text, ResultOutcome outcome)
    {
        if (outcome == ResultOutcome.FollowUpPending)
        {
            return Text.Enum(text, "result.subReason", ResultOutcomes.FollowUpReasons);
        }

        return string.IsNullOrWhiteSpace(text)
            ? null
            : throw DomainException.Invalid("result.subReason", $"只有“{ResultOutcomes.Outcomes[ResultOutcome.FollowUpPending]}”有子原因 / only {ResultOutcome.FollowUpPending} takes a sub-reason");
    }

    private static IReadOnlyList<EvidenceAttachment> Attachments(IReadOnlyList<AttachmentInput>? inputs)
    {
        var attachments = Text.AtMost(inputs, "result.attachments", MaximumAttachments);
        var result = new List<EvidenceAttachment>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var field = $"result.attachments[{i}]";
            var sha = attachments[i]?.Sha256?.Trim() ?? "";
            if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
            {
                throw DomainException.Invalid(field + ".sha256", $"“{sha}”不是64位小写十六进制SHA-256 / '{sha}' is not a SHA-256 in 64 lowercase hex digits");
            }

            if (attachments[i]!.Size is not (> 0 and <= MaximumAttachmentSize) and var size)
            {
                throw DomainException.Invalid(
                    field + ".size", $"附件大小应在1至{MaximumAttachmentSize}字节之间，实际为{size} / an attachment holds 1 to {MaximumAttachmentSize} bytes, not {size}");
            }

            if (result.Any(attachment => attachment.Sha256 == sha))
            {
                throw DomainException.Invalid(field + ".sha256", $"附件{sha}重复 / attachment {sha} is listed twice");
            }

            result.Add(new EvidenceAttachment(sha, attachments[i]!.Size!.Value));
        }

        return result;
    }
}
