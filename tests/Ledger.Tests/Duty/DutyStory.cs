using System.Text.RegularExpressions;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Integrity;
using FairDraw.Ledger.Tests.Plans;
using NodaTime;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>
/// A department's year as ledger events, in log order: the city's list, the plan (filed, acknowledged), task 01 drawn by
/// <see cref="DrawWorkflow"/> and its six objects' results. Each event gets a leaf and a sequence (leaf + 1000); a
/// witness cosigns the checkpoint of each size one minute after the event that fills it, unless a test says otherwise.
/// </summary>
internal sealed partial class DutyStory
{
    public static readonly PlanId Plan = PlanId.Parse("2021-520100-SJJ");
    public static readonly Cosigner Witness = new(CosignatureTests.Name, Convert.FromHexString(CosignatureTests.SeedHex));
    public static readonly WitnessPolicy Policy = new([Witness.Key], 1);
    public static readonly LocalDate Inspected = new(2021, 6, 1);
    public const string Inspector = "inspector";

    private readonly List<(string Stream, object Data)> _events = [];

    public DutyStory()
    {
        Draw = new DrawWorkflow();
        var items = PlanExamples.List().Items.Select(listed => listed.Item).Where(item => item.Code is "01-01" or "12-01").ToList();
        Add(StreamKeys.ItemList("520100", "2021版"), new ItemListDrafted(PlanExamples.Guiyang, "2021版", "清单", PlanExamples.List().Categories, items, "credit-guiyang", At(2021, 3, 1)));
        Add(StreamKeys.ItemList("520100", "2021版"), new InspectionItemRetired(PlanExamples.Guiyang, "2021版", "12-01", "停用", "credit-guiyang", At(2021, 3, 2)));
        Add(Plan.StreamKey, new PlanDrafted(
            Plan.ToString(), 2021, PlanExamples.Guiyang, "SJJ", "贵阳市市场监督管理局", PlanExamples.Guiyang, "2021版", [DrawWorkflow.Spec()], Basis(), "business-division", At(2021, 3, 10)));
    }

    public DrawWorkflow Draw { get; }

    /// <summary>Leaves whose checkpoint (of size leaf + 1) no witness cosigned.</summary>
    public HashSet<long> Unwitnessed { get; } = [];

    /// <summary>Cosignature times that are not the event's own plus a minute, by leaf.</summary>
    public Dictionary<long, Instant> CosignedAt { get; } = [];

    public static Instant At(int year, int month, int day, int hour = 9) => Instant.FromUtc(year, month, day, hour, 0);

    public static PlanBasis Basis() => new(
        120, 100, 3, 6,
        [new TaskBasis("01", [EntityType.Enterprise], [new("A", "1/100", 40, 1), new("B", "3/100", 30, 1), new("C", "1/10", 20, 2), new("D", "1/5", 10, 2)], 6)]);

    public DutyStory Add(string stream, object data)
    {
        _events.Add((stream, data));
        return this;
    }

    /// <summary>Replaces the event at <paramref name="index"/> (a test's altered record).</summary>
    public void Replace(int index, object data) => _events[index] = (_events[index].Stream, data);

    /// <summary>The plan filed and acknowledged on the given day (before the task starts on 2021-04-01 by default).</summary>
    public DutyStory Filed(Instant? at = null, bool acknowledged = true)
    {
        var filed = at ?? At(2021, 3, 20);
        Add(Plan.StreamKey, new PlanFiled(Plan.ToString(), 1, "business-division", filed));
        return acknowledged ? Add(Plan.StreamKey, new PlanFilingAcknowledged(Plan.ToString(), 1, PlanExamples.Guiyang, "credit-guiyang", filed + Duration.FromHours(2))) : this;
    }

    /// <summary>Task 01 drawn to its assignment, its events appended after the plan's.</summary>
    public DutyStory Drawn()
    {
        Draw.Complete();
        return Appended();
    }

    /// <summary>The first sampled object substituted (deregistered) by the division, approved by the credit office.</summary>
    public DutyStory Substituted()
    {
        Draw.Apply(DrawAdjustments.Substitute(
            Draw.Task, Draw.State, new SubstituteEntity(Sample[0], "企业已注销 / deregistered", "注销登记通知书"), EntityPool.Freeze(Draw.Members), [],
            DrawWorkflow.Division, DrawWorkflow.CreditOffice, Draw.Now));
        return Appended();
    }

    /// <summary>Appends whatever the workflow applied that this story has not taken yet.</summary>
    public DutyStory Appended()
    {
        var taken = _events.Count(e => e.Stream == StreamKeys.Task(Draw.Task.TaskId));
        foreach (var e in Draw.Applied.Skip(taken))
        {
            Add(StreamKeys.Task(Draw.Task.TaskId), e);
        }

        return this;
    }

    public IReadOnlyList<string> Sample => Draw.State!.Current.Sample();

    /// <summary>An object's result recorded, approved and published on the given days (null: that step not taken).</summary>
    public DutyStory Result(
        string entityId, LocalDate? inspected = null, Instant? recorded = null, Instant? approved = null, Instant? published = null,
        ResultOutcome outcome = ResultOutcome.NoProblemFound, FollowUpReason? subReason = null)
    {
        var stream = StreamKeys.Result(Draw.Task.TaskId, entityId, "01-01");
        var date = inspected ?? Inspected;
        var content = new ResultContent(InspectionMethod.OnSite, date, [Inspector, "inspector-2"], outcome, subReason, "", []);
        Add(stream, new InspectionResultRecorded(Draw.Task.TaskId, 1, entityId, "01-01", content, DrawWorkflow.Spec().End, false, Inspector, recorded ?? At(2021, 6, 2)));
        if (approved is { } a)
        {
            Add(stream, new InspectionResultApproved(Draw.Task.TaskId, entityId, "01-01", 0, "approver", a));
        }

        if (published is { } p)
        {
            var deadline = Ledger.Calendar.WorkingDays.Add(date, 20);
            Add(stream, new InspectionResultPublished(Draw.Task.TaskId, entityId, "01-01", date, deadline, BeijingTime.DateOf(p), false, 0, "approver", p));
        }

        return this;
    }

    /// <summary>Every object of the sample inspected on 2021-06-01, approved and published on time.</summary>
    public DutyStory AllPublished()
    {
        foreach (var entityId in Sample)
        {
            Result(entityId, approved: At(2021, 6, 3), published: At(2021, 6, 8));
        }

        return this;
    }

    public IReadOnlyList<DutyEvent> Events()
    {
        var versions = new Dictionary<string, long>();
        return [.. _events.Select((e, leaf) =>
        {
            var version = versions[e.Stream] = versions.GetValueOrDefault(e.Stream) + 1;
            var attributed = (IAttributedEvent)e.Data;
            return new DutyEvent(leaf + 1000, leaf, e.Stream, version, TypeName(e.Data), attributed.Actor, LedgerRecord.FormatTime(attributed.OccurredAt), e.Data);
        })];
    }

    /// <summary>
    /// The cosigned checkpoints: size leaf + 1 at the event's time plus a minute (or as <see cref="CosignedAt"/> says),
    /// and, as a witness polling the log would, the size before it once more a minute before the event.
    /// </summary>
    public IReadOnlyList<(long Size, string Note)> Checkpoints() =>
        [.. _events.Select((e, leaf) => (long)leaf).Where(leaf => !Unwitnessed.Contains(leaf)).SelectMany(leaf =>
        {
            var at = ((IAttributedEvent)_events[(int)leaf].Data).OccurredAt;
            var includedAt = CosignedAt.TryGetValue(leaf, out var set) ? set : at + Duration.FromMinutes(1);
            var including = Cosigned(leaf + 1, includedAt);
            var before = Instant.Min(at, includedAt) - Duration.FromMinutes(1);
            return leaf == 0 ? [including] : new[] { Cosigned(leaf, before), including };
        })];

    /// <summary>A checkpoint of <paramref name="size"/> signed by the workflow's key and cosigned by the witness at <paramref name="at"/>.</summary>
    public static (long Size, string Note) Cosigned(long size, Instant at)
    {
        var checkpoint = new Checkpoint(DrawWorkflow.Signer.KeyName, size, new byte[32]);
        return (size, DrawWorkflow.Signer.Sign(checkpoint) + Witness.Cosign(checkpoint, at.ToUnixTimeSeconds()));
    }

    /// <summary>The leaf of the first event of <paramref name="stream"/> of type <typeparamref name="T"/>.</summary>
    public long LeafOf<T>(string? stream = null) => _events.FindIndex(e => e.Data is T && (stream is null || e.Stream == stream));

    /// <summary>The report as of everything appended, with the witness (or none) and the workflow's ledger key.</summary>
    public DutyReport Report(bool witnessed = true, string? official = null, long? asOf = null) =>
        DutyEngine.Build(
            new DutyScope(Plan, official), asOf ?? _events.Count, Events(), WitnessedTimes.From(Checkpoints(), Policy), witnessed ? Policy : null,
            DrawWorkflow.Signer.PublicKeyText());

    private static string TypeName(object data) => UpperCase().Replace(data.GetType().Name, "_$0").TrimStart('_').ToLowerInvariant();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCase();
}
