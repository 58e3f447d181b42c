using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using NodaTime.Text;
using static FairDraw.Api.Demo.DemoDirectoryNames;

namespace FairDraw.Api.Demo;

/// <summary>One demo inspector: its enrolment, then a certificate renewal, the conflicts it declares, a suspension and a retirement, if any.</summary>
public sealed record DemoInspector(
    InspectorInput Enrolment,
    CertificateInput? Renewal,
    IReadOnlyList<DeclareConflictOfInterest> Conflicts,
    string? SuspensionReason,
    bool Retired);

/// <summary>
/// A deterministic demo inspector directory for Guiyang: the city and its ten districts and counties, about one in ten
/// an external expert, one staff in four with a renewed certificate (certificates run six years from 2019–2021, so some
/// have expired unless renewed), a few suspended, retired or with declared conflicts. The same seed gives the same directory.
/// </summary>
public static class DemoInspectors
{
    public const string LoaderId = "demo-loader";
    public const int Count = 330;
    private const int Seed = 20210501;

    /// <summary>Conflicts are declared against entities of the demo directory (its first rows are always the same).</summary>
    private static readonly Lazy<string[]> ConflictCandidates = new(() => [.. DemoEntities.Generate(1_000).Select(e => e.Uscc!)]);

    /// <summary>The demo directory; every call returns the same inspectors.</summary>
    public static IReadOnlyList<DemoInspector> Generate()
    {
        var random = new Random(Seed);
        var serials = new Dictionary<string, int>();
        var result = new List<DemoInspector>(Count);
        for (var i = 0; i < Count; i++)
        {
            var enrolment = i % 10 == 9 ? Expert(random, serials) : Staff(random, serials);
            var renewal = i % 4 == 1 && enrolment.Certificate is { } certificate ? Renewed(certificate) : null;
            var conflicts = i % 29 == 3 ? [Conflict(random)] : Array.Empty<DeclareConflictOfInterest>();
            var suspension = i % 47 == 5 ? Pick(random, SuspensionReasons) : null;
            result.Add(new DemoInspector(enrolment, renewal, conflicts, suspension, Retired: i % 61 == 17));
        }

        return result;
    }

    /// <summary>
    /// Enrols the demo inspectors that are not in the directory yet, through the same decisions as the API, as the
    /// city personnel office. Idempotent: a second call enrols nothing. Returns how many inspectors it enrolled.
    /// </summary>
    public static async Task<int> LoadAsync(IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var actor = new Actor(LoaderId, Role.Personnel, DivisionCode.Parse(Guiyang.City));
        var now = clock.GetCurrentInstant();
        var demo = Generate();
        var ids = demo.Select(d => d.Enrolment.Id!).ToArray();
        await using var session = store.LightweightSession();
        var existing = (await session.Query<InspectorRevision>()
            .Where(x => x.IsCurrent && x.InspectorId.IsOneOf(ids))
            .Select(x => x.InspectorId)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var missing = demo.Where(d => !existing.Contains(d.Enrolment.Id!)).ToList();
        foreach (var inspector in missing)
        {
            session.Events.StartStream(StreamKeys.Inspector(inspector.Enrolment.Id!), [.. Decide(inspector, actor, now)]);
        }

        await StreamAppend.SaveAsync(session, ct);
        return missing.Count;
    }

    /// <summary>The events of one demo inspector, each decided on the state the previous ones produced.</summary>
    private static IReadOnlyList<object> Decide(DemoInspector demo, Actor actor, Instant now)
    {
        var events = new List<object>();
        Inspector? state = null;
        void Record(IReadOnlyList<object> decided)
        {
            events.AddRange(decided);
            state = decided.Aggregate(state, Inspector.Evolve);
        }

        Record(InspectorDecisions.Enrol(demo.Enrolment, null, actor, now));
        if (demo.Renewal is { } renewal)
        {
            Record(InspectorDecisions.RenewCertificate(renewal, state, actor, now));
        }

        foreach (var conflict in demo.Conflicts)
        {
            Record(InspectorDecisions.DeclareConflict(conflict, state, actor, now));
        }

        if (demo.SuspensionReason is { } reason)
        {
            Record(InspectorDecisions.Suspend(new SuspendInspector(reason), state, actor, now));
        }

        if (demo.Retired)
        {
            Record(InspectorDecisions.Retire(state, actor, now));
        }

        return events;
    }

    private static InspectorInput Staff(Random random, Dictionary<string, int> serials)
    {
        // About one in five staff work for the city bureau, the rest for a district or county bureau.
        var atCity = random.Next(5) == 0;
        var (code, unit) = atCity ? (Guiyang.City, Pick(random, CityUnits)) : DistrictUnit(random);
        var serial = Next(serials, code);
        var validFrom = new LocalDate(2019, 1, 1).PlusDays(random.Next(911)); // 2019-01-01 … 2021-06-30
        var certificate = new CertificateInput($"{code}{serial:D5}", Iso(validFrom), Iso(validFrom.PlusYears(6).PlusDays(-1)));
        var expertise = PickSome(random, Expertise, 1, 3);
        string[] qualifications =
        [
            EnforcementQualification,
            .. expertise.Where(tag => StaffQualifications.ContainsKey(tag) && random.Next(2) == 0).Select(tag => StaffQualifications[tag]),
        ];
        return new InspectorInput($"GY{code}-{serial:D4}", Name(random), nameof(InspectorKind.Staff), null, unit, code, certificate, qualifications, expertise);
    }

    private static InspectorInput Expert(Random random, Dictionary<string, int> serials)
    {
        var serial = Next(serials, "expert");
        var (institution, expertise, qualifications) = Pick(random, Institutions);
        return new InspectorInput(
            $"GY-EXP-{serial:D4}",
            Name(random),
            nameof(InspectorKind.ExternalExpert),
            institution,
            ExpertUnit,
            Guiyang.City,
            null,
            PickSome(random, qualifications, 1, qualifications.Length),
            PickSome(random, expertise, 1, expertise.Length));
    }

    /// <summary>
    /// The next six-year certificate, from the day after the current one expires. Its number is the old one with the
    /// serial's leading 0 (serials stay below 10000) turned into 1: "52010200007" → "52010210007".
    /// </summary>
    private static CertificateInput Renewed(CertificateInput current)
    {
        var validFrom = LocalDatePattern.Iso.Parse(current.ValidTo!).Value.PlusDays(1);
        var number = current.Number![..6] + "1" + current.Number[7..];
        return new CertificateInput(number, Iso(validFrom), Iso(validFrom.PlusYears(6).PlusDays(-1)));
    }

    private static (string Code, string Unit) DistrictUnit(Random random)
    {
        var (code, name, stations) = Guiyang.Districts[random.Next(Guiyang.Districts.Count)];
        var unit = random.Next(2) == 0 ? $"{name}市场监督管理局执法大队" : $"{name}市场监督管理局{Pick(random, stations)}市场监管所";
        return (code, unit);
    }

    private static DeclareConflictOfInterest Conflict(Random random) =>
        new(Pick(random, ConflictCandidates.Value), Pick(random, ConflictReasons));

    private static string Name(Random random) =>
        Pick(random, Surnames) + string.Concat(Enumerable.Range(0, random.Next(3) == 0 ? 1 : 2).Select(_ => Pick(random, GivenNameCharacters)));

    private static int Next(Dictionary<string, int> serials, string key) => serials[key] = serials.GetValueOrDefault(key) + 1;

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string[] PickSome(Random random, string[] items, int min, int max) =>
        [.. items.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1))];
}
