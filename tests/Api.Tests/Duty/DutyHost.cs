using System.Net;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Integrity;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Duty;

/// <summary>
/// The duty collection's host: the draws host's directory with one witness whose clock the tests set, and a 2022 plan
/// (the drand beacons the draw uses are of June 2022) carried through its year once through the API: filed and
/// acknowledged, drawn (one object short of inspectors), the other objects' results recorded and approved, published on
/// time but one late and one exempted, one result's case referral opened and handed over. Each step is witnessed at a time the story sets.
/// </summary>
public sealed class DutyHost() : DrawHost("test_duty", new Dictionary<string, string>
{
    ["Ledger:HeavyReads:PermitLimit"] = "100000",
    ["Ledger:Witnesses:0:Url"] = $"http://{WitnessHost}/",
    ["Ledger:Witnesses:0:Key"] = Witness.VerifierKey,
    ["Ledger:WitnessQuorum"] = "1",
})
{
    public const string Plan = "2022-520100-DUTY";
    public const string Task = Plan + "-T01";
    private const string WitnessHost = "witness-duty.test";

    public static readonly TestWitness Witness = new("witness.test/duty", 0);

    public static readonly LocalDate Inspected = new(2022, 7, 1);

    private Task? _year;

    public string LogKey => Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();

    public string Auditor => Token(Role.Auditor, "520000", "auditor");

    /// <summary>The object published late, the one exempted and the one with follow-ups, and the official who approved them.</summary>
    public string Late { get; private set; } = "";

    public string Exempted { get; private set; } = "";

    public string FollowedUp { get; private set; } = "";

    public IReadOnlyList<string> Sample { get; private set; } = [];

    /// <summary>The objects of the sample with two inspectors, whose results are recorded.</summary>
    public IReadOnlyList<string> Inspectable { get; private set; } = [];

    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        services.AddHttpClient(CheckpointWitnessing.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new TestWitnesses(new Dictionary<string, TestWitness> { [WitnessHost] = Witness }));

    /// <summary>The year, once for the collection.</summary>
    public Task YearAsync() => _year ??= RunYearAsync();

    /// <summary>Integrates, signs and submits a checkpoint as the auditor, with the witness's clock at <paramref name="at"/>.</summary>
    public async Task WitnessAsync(Instant at)
    {
        Witness.Time = at.ToUnixTimeSeconds();
        await this.PostAsync("/api/ledger/checkpoint", null, Auditor);
    }

    private async Task RunYearAsync()
    {
        await SeedAsync();
        Witness.Forget();
        Witness.LogKey = LogKey;
        var credit = Token(Role.CreditOffice, "520100", "credit-guiyang");
        var task = PlanHost.FoodTask(ratio: "3/100") with { Start = "2022-04-01", End = "2022-11-05" };
        await this.PostAsync("/api/plans", PlanHost.CityPlan(task) with { Year = 2022, Department = "DUTY" }, FoodDivision, HttpStatusCode.Created);
        await this.PostAsync($"/api/plans/{Plan}/filing", null, FoodDivision);
        await WitnessAsync(Instant.FromUtc(2021, 3, 1, 10, 0));
        await this.PostAsync($"/api/plans/{Plan}/filing/acknowledgement", null, credit);
        await WitnessAsync(Instant.FromUtc(2021, 3, 1, 11, 0));

        // Committed and published long before the sources resolve, witnessed then; witnessed again once they resolved,
        // before the randomness is recorded (a registration makes the log grow, so there is a checkpoint to cosign).
        await this.DrawUntilAsync(Task, FoodDivision, "randomness");
        await WitnessAsync(Instant.FromUtc(2021, 3, 1, 12, 0));
        Clock.Reset(DrawRequests.SourcesResolved);
        await GrowAsync(99);
        await WitnessAsync(DrawRequests.SourcesResolved + Duration.FromMinutes(1));
        await this.DrawUntilAsync(Task, FoodDivision, "end", from: "randomness");
        await WitnessAsync(DrawRequests.SourcesResolved + Duration.FromHours(1));

        var round = (await Host.GetAsJson<TaskDrawRead>($"/api/tasks/{Task}/draw", FoodDivision))!.Current;
        var book = AssignmentBook.Of(round);
        Sample = round.Sample();

        // The food stratum's object finds one food specialist of a distinct unit only (infeasible): it stays uninspected.
        Inspectable = [.. Sample.Where(entity => book.InspectorsOf(entity).Count >= 2)];
        (Late, Exempted, FollowedUp) = (Inspectable[0], Inspectable[1], Inspectable[2]);
        Clock.Reset(Instant.FromUtc(2022, 7, 1, 10, 0));
        foreach (var entity in Inspectable)
        {
            var inspectors = book.InspectorsOf(entity);
            var (outcome, reason) = entity == FollowedUp ? ("发现问题待后续处理", "违反其他市场监管规定") : ("未发现问题", (string?)null);
            await this.PostAsync(ResultUrl(), new RecordResult(entity, ResultRequests.Item, new ResultInput("实地核查", "2022-07-01", inspectors, outcome, reason, "", [])),
                this.InspectorToken(inspectors[0]), HttpStatusCode.Created);
        }

        await WitnessAsync(Instant.FromUtc(2022, 7, 1, 11, 0));
        foreach (var entity in Inspectable)
        {
            await this.PostAsync(ResultUrl(entity, "approval"), null, FoodDivision);
        }

        Clock.Reset(Instant.FromUtc(2022, 7, 8, 2, 0));
        await this.PostAsync(ResultUrl(Exempted, "exemption"), new FileExemption("涉及商业秘密", "配方属商业秘密 / the formula is a trade secret"), FoodDivision);
        await this.PostAsync(ResultUrl(Exempted, "exemption/acknowledgement"), null, credit);
        foreach (var entity in Inspectable.Except([Late, Exempted]))
        {
            await this.PostAsync(ResultUrl(entity, "publication"), null, FoodDivision);
        }

        await this.PostAsync(ResultUrl(FollowedUp, "follow-ups"), new OpenFollowUp("CaseReferral", null, "移交稽查 / to the case office", "2022-07-08"), FoodDivision, HttpStatusCode.Created);
        await this.PostAsync(ResultUrl(FollowedUp, "follow-ups/CaseReferral/hand-over"), new HandOverFollowUp("稽查局", "移字〔2022〕1号", "2022-07-08"), FoodDivision);
        await WitnessAsync(Instant.FromUtc(2022, 7, 8, 3, 0));

        // Published after its deadline (2022-07-29, 20 working days after 07-01), witnessed the same day; the log was
        // witnessed without it on 08-01, after the deadline, which is what shows it late.
        Clock.Reset(Instant.FromUtc(2022, 8, 1, 2, 0));
        await GrowAsync(98);
        await WitnessAsync(Instant.FromUtc(2022, 8, 1, 3, 0));
        Clock.Reset(Instant.FromUtc(2022, 8, 15, 2, 0));
        await this.PostAsync(ResultUrl(Late, "publication"), null, FoodDivision);
        await WitnessAsync(Instant.FromUtc(2022, 8, 15, 3, 0));
    }

    /// <summary>GETs <paramref name="url"/> with a token and expects <paramref name="status"/>.</summary>
    public Task<Alba.IScenarioResult> GetAsync(string url, string token, HttpStatusCode status = HttpStatusCode.OK) =>
        Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(token);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Enrols an inspector: an event outside the report's scope that makes the log grow, so there is a checkpoint to witness.</summary>
    private Task GrowAsync(int number) =>
        this.PostAsync("/api/inspectors", new InspectorInput(
            $"GY520100-00{number}", $"检查员{number}", "执法人员", null, "南明区局执法一队", "520102",
            new CertificateInput($"520100099{number}", "2020-01-01", "2025-12-31"), ["行政执法资格"], ["食品"]), Token(Role.Personnel, "520100", "personnel"), HttpStatusCode.Created);

    public static string ResultUrl(string? entity = null, string? step = null) =>
        entity is null ? $"/api/tasks/{Task}/results" : $"/api/tasks/{Task}/results/{entity}/{ResultRequests.Item}/{step}";

    public static string Query(string? official = null, long? asOf = null) =>
        $"?year=2022&jurisdiction=520100&department=DUTY{(official is null ? "" : "&official=" + official)}{(asOf is null ? "" : "&asOf=" + asOf)}";
}

[CollectionDefinition(nameof(DutyCollection))]
public sealed class DutyCollection : ICollectionFixture<DutyHost>;
