using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// A task drawn step by step through <see cref="DrawDecisions"/>, folding each decided event into the state as the
/// ledger would. The clock starts on 2021-04-01 09:00 UTC; sources resolve on 2021-04-03.
/// </summary>
internal sealed class DrawWorkflow
{
    public static readonly DivisionCode Guiyang = DivisionCode.Parse("520100");
    /// <summary>The task's lead department, which its business division's token names (it acts on the task's results).</summary>
    public const string LeadDepartment = "信用监管处";

    public static readonly Actor Division = new("business-division", Role.BusinessDivision, Guiyang, LeadDepartment);

    /// <summary>The credit supervision office above the division: it confirms lottery values and countersigns set-asides.</summary>
    public static readonly Actor CreditOffice = new("credit-office", Role.CreditOffice, Guiyang);
    public static readonly Instant Start = Instant.FromUtc(2021, 4, 1, 9, 0);

    /// <summary>After both committed sources resolved (the lottery at 21:30 Beijing time on 2021-04-03).</summary>
    public static readonly Instant SourcesResolved = Instant.FromUtc(2021, 4, 3, 14, 0);
    public static readonly CheckpointSigner Signer = new(Key(), CheckpointTestKey.Name);

    /// <summary>quicknet genesis 1692803367 is in 2023, so the 2021 tests use the default chain (30 s rounds).</summary>
    public static readonly long DrandRound = ((Instant.FromUtc(2021, 4, 3, 0, 0).ToUnixTimeSeconds() - 1595431050) / 30) + 1;

    public DrawWorkflow(bool planFiled = true, int partySecrets = 0)
    {
        Task = new PlannedTask("2021-520100-SJJ-01", "2021-520100-SJJ", Guiyang, 2021, planFiled, Spec(), [EntityType.Enterprise]);
        Secrets = [.. Enumerable.Range(0, partySecrets).Select(i => Encoding.UTF8.GetBytes($"party secret {i}"))];
        Members = RandomPools.Entities(7, ("A", 40), ("B", 30), ("C", 20), ("D", 10));
        Pools = new FrozenPools(
            120,
            EntityPool.Freeze(Members),
            InspectorPool.Freeze(RandomPools.Inspectors(8, 30).Select(inspector => new InspectorMember(inspector.Id, inspector.Unit, inspector.Expertise, 5, inspector.Active))),
            ConflictPool.Freeze([new ConflictPair("GY-0001", Members[0].Id)]),
            []);
        Now = Start;
    }

    public PlannedTask Task { get; }

    public IReadOnlyList<byte[]> Secrets { get; }

    public IReadOnlyList<EntityMember> Members { get; }

    public FrozenPools Pools { get; }

    public TaskDraw? State { get; private set; }

    public Instant Now { get; set; }

    public static SamplingTaskSpec Spec() => new(
        "01",
        "企业年报公示信息抽查",
        ["01-01"],
        TaskTargeting.Untargeted,
        StratifyBy.RiskClass,
        [new("A", "1/100", null), new("B", "3/100", null), new("C", "1/10", null), new("D", "1/5", null)],
        2,
        5,
        ExcludeInspectedThisYear: true,
        LeadDepartment,
        [],
        new LocalDate(2021, 4, 1),
        new LocalDate(2021, 11, 5));

    public static IReadOnlyList<SourceInput> Sources(long drandRound, LocalDate lotteryDay) =>
    [
        new("drand", RandomnessSource.Drand, "default", drandRound, null, null, null),
        new("fucai-3d", RandomnessSource.Lottery, null, null, "福彩3D", lotteryDay, "2021083"),
    ];

    public CommitDraw Commitment() => new(
        Sources(DrandRound, new LocalDate(2021, 4, 3)), [.. Secrets.Select(secret => Convert.ToHexStringLower(SHA256.HashData(secret)))]);

    /// <summary>
    /// A value of the default chain's form (96-byte signature, with the previous round's): the domain checks the form
    /// only; the Api verifies the BLS signature (DrandCheck), so these bytes need not be a real beacon here.
    /// </summary>
    public static RandomnessInput Drand { get; } = new("drand", new string('a', 192), null, new string('b', 192));

    /// <summary>The lottery value, with the official announcement it is read from.</summary>
    public static RandomnessInput Lottery { get; } = new("fucai-3d", null, [7, 2, 7], Announcement: "中国福利彩票福彩3D第2021083期开奖公告");

    public static RecordRandomness Values() => new([Lottery, Drand]);

    /// <summary>The signed log the workflow's events are appended to, after the pool's ledger position (120).</summary>
    public DrawLog Log { get; } = new(Signer, 200);

    public CommitmentInLog InLog() => Log.Commitment();

    /// <summary>A verified receipt for every event the workflow appended.</summary>
    public IReadOnlyList<DrawEventReceipt> Receipts() => Log.Receipts();

    /// <summary>Every event applied, in order (a duty report's task stream).</summary>
    public List<object> Applied { get; } = [];

    public IReadOnlyList<object> Apply(IReadOnlyList<object> events)
    {
        foreach (var e in events)
        {
            State = TaskDraw.Evolve(State, e);
        }

        Applied.AddRange(events);

        Log.Append(events);

        return events;
    }

    public IReadOnlyList<object> Freeze(string? reason = null) => Apply(DrawDecisions.Freeze(Task, State, new FreezePool(reason), Pools, Division, Now));

    public IReadOnlyList<object> Commit() => Apply(DrawDecisions.Commit(Task, State, Commitment(), Signer, Division, Now));

    public IReadOnlyList<object> Publish() => Apply(DrawDecisions.Publish(Task, State, new PublishCommitment("贵阳市市场监管局门户网站", "公告2021-12号"), InLog(), Division, Now));

    public IReadOnlyList<object> Reveal(int index) =>
        Apply(DrawDecisions.RevealSecret(Task, State, new RevealPartySecret(index, Convert.ToHexStringLower(Secrets[index])), Division, Now));

    public IReadOnlyList<object> Record() => Apply(DrawDecisions.RecordRandomness(Task, State, Values(), Division, Now));

    public IReadOnlyList<object> Confirm() =>
        Apply(DrawDecisions.ConfirmLotteryValues(Task, State, new ConfirmLotteryValues([new("fucai-3d", null, [2, 7, 7])]), CreditOffice, Now));

    public IReadOnlyList<object> SetAside(string reason = "抽中对象所在园区封闭管理 / the drawn park was closed") =>
        Apply(DrawDecisions.SetAside(Task, State, new SetAsideRound(reason, "园区管委会封闭通知"), Division, CreditOffice, Now));

    public IReadOnlyList<object> Execute() => Apply(DrawDecisions.Execute(Task, State, EntityPool.Freeze(Members), Division, Now));

    public IReadOnlyList<object> Assign() => Apply(DrawDecisions.Assign(Task, State, Division, Now));

    /// <summary>Freezes, commits and publishes at the start instant.</summary>
    public DrawWorkflow Published()
    {
        Freeze();
        Commit();
        Publish();
        return this;
    }

    /// <summary>Published, then the randomness recorded once the sources resolved and its lottery values confirmed.</summary>
    public DrawWorkflow Recorded()
    {
        Published();
        Now = SourcesResolved;
        Record();
        Confirm();
        return this;
    }

    /// <summary>Runs every step, moving the clock as a real draw would.</summary>
    public DrawWorkflow Complete()
    {
        Freeze();
        Now += Duration.FromMinutes(5);
        Commit();
        Now += Duration.FromMinutes(10);
        Publish();
        for (var i = 0; i < Secrets.Count; i++)
        {
            Reveal(i);
        }

        Now = SourcesResolved;
        Record();
        Confirm();
        Now += Duration.FromMinutes(1);
        Execute();
        Assign();
        return this;
    }

    private static ECDsa Key()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(CheckpointTestKey.PrivateKeyPem);
        return key;
    }
}
