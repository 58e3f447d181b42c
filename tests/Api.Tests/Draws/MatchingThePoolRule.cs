using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using FairDraw.Api.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The pool's SQL (<see cref="EntityPoolReader"/>) against its rule in C# (<see cref="PopulationFilter.Admits"/>,
/// <see cref="PopulationFilter.StratumOf"/>) on generated directories: each is imported, then changed by a second
/// import, and for generated filters the members and stratum counts read as of either position, and now, are those
/// the rule picks from the rows the directory held then. <c>FAIRDRAW_FUZZ_ITERATIONS</c> directories (default 20);
/// a failure prints the CsCheck seed, and <c>FAIRDRAW_FUZZ_SEED</c> replays it.
/// </summary>
[Collection(nameof(PoolRuleCollection))]
public sealed class MatchingThePoolRule(PoolRuleHost fixture)
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("FAIRDRAW_FUZZ_ITERATIONS"), out var given) ? given : 20;
    private static readonly string? Seed = Environment.GetEnvironmentVariable("FAIRDRAW_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    // Few values of each field, so that filters and entities meet often; two cities of one province, three districts.
    private static readonly string[] Districts = ["520102", "520103", "520111", "520201"];
    private static readonly string[] Jurisdictions = ["520000", "520100", "520102", "520200"];
    private static readonly string[] Industries = ["C1391", "F5211", "H6210"];
    private static readonly string[] TagValues = ["食品", "冷链", "校园周边"];

    private static readonly JsonSerializerOptions Printed = new() { Converters = { new JsonStringEnumConverter() }, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Gen<Details> DetailsGen = Gen.Select(
        Gen.OneOf(Industries), Gen.Enum<RiskClass>(), Gen.OneOf(TagValues).ArrayUnique[0, 2], Gen.Enum<EntityStatus>(),
        (industry, risk, tags, status) => new Details(industry, risk, tags, status));

    private static readonly Gen<Registered> RegisteredGen = Gen.Select(
        Gen.OneOf(Districts), Gen.Enum<EntityType>(), DetailsGen, (district, type, details) => new Registered(district, type, details));

    private static readonly Gen<PopulationFilter> FilterGen = Gen.Select(
        Gen.OneOf(Jurisdictions),
        Gen.Enum<EntityType>().ArrayUnique[0, 4],
        Gen.OneOf(Industries).ArrayUnique[0, 2],
        Gen.OneOf([.. Districts, "520100"]).ArrayUnique[0, 2],
        Gen.OneOf(TagValues).ArrayUnique[0, 2],
        Gen.Enum<RiskClass>().ArrayUnique[0, 2],
        Gen.Enum<StratifyBy>(),
        (jurisdiction, types, industries, areas, tags, risks, by) => new PopulationFilter(
            DivisionCode.Parse(jurisdiction),
            [.. types.Order()],
            new TaskTargeting([], industries, [.. areas.Select(area => DivisionCode.Parse(area))], tags, risks),
            by));

    /// <summary>A directory before and after its change (null: the entity is unchanged), entities added by the change, the filters.</summary>
    private static readonly Gen<Case> CaseGen = Gen.Select(
        RegisteredGen.Array[0, 24].SelectMany(first => Gen.Frequency((1, Gen.Const((Details?)null)), (1, DetailsGen.Select(Details? (change) => change)))
            .Array[first.Length].Select(changes => (First: first, Changes: changes))),
        RegisteredGen.Array[0, 6],
        FilterGen.Array[1, 4],
        Gen.Int[0, 4],
        (directory, added, filters, excludeEvery) => new Case(directory.First, directory.Changes, added, filters, excludeEvery));

    [Fact]
    public async Task The_pool_read_in_sql_is_the_pool_the_rule_picks_as_of_every_position()
    {
        var pool = fixture.Host.Services.GetRequiredService<EntityPoolReader>();
        await CaseGen.SampleAsync(
            async sample =>
            {
                await fixture.ResetAsync();
                var before = sample.First.Select((entity, index) => entity.State(index)).ToList();
                await ImportAsync(before);
                var (_, first) = await fixture.EventsAsync();
                var after = before
                    .Select((state, index) => sample.Changes[index] is { } change ? change.Onto(state) : state)
                    .Concat(sample.Added.Select((entity, index) => entity.State(before.Count + index)))
                    .ToList();
                await ImportAsync(after);
                var (_, second) = await fixture.EventsAsync();
                var excluded = after.Where((_, index) => sample.ExcludeEvery > 0 && index % sample.ExcludeEvery == 0)
                    .Select(state => state.Uscc).ToHashSet(StringComparer.Ordinal);

                foreach (var filter in sample.Filters)
                {
                    foreach (var (position, directory) in new[] { (first, before), (second, after) })
                    {
                        Assert.Equal(Expected(filter, directory, excluded), await MembersAsync(pool, filter, position, excluded));
                        Assert.Equal(Counts(filter, directory), await CountsAsync(pool, filter, position));
                    }

                    Assert.Equal(Counts(filter, after), await CountsAsync(pool, filter, null));
                }
            },
            seed: Seed,
            iter: Iterations,
            threads: 1,
            print: sample => JsonSerializer.Serialize(sample, Printed));
    }

    private static List<string> Expected(PopulationFilter filter, IEnumerable<MarketEntity> directory, IReadOnlySet<string> excluded) =>
        [.. directory.Where(entity => filter.Admits(entity) && !excluded.Contains(entity.Uscc))
            .Select(entity => $"{filter.StratumOf(entity)} {entity.Uscc}").Order(StringComparer.Ordinal)];

    private static List<string> Counts(PopulationFilter filter, IEnumerable<MarketEntity> directory) =>
        [.. directory.Where(filter.Admits).GroupBy(filter.StratumOf)
            .Select(stratum => $"{stratum.Key} {stratum.Count()}").Order(StringComparer.Ordinal)];

    private static async Task<List<string>> MembersAsync(EntityPoolReader pool, PopulationFilter filter, long position, IReadOnlySet<string> excluded)
    {
        var members = await pool.MembersAsync(filter, position, excluded, CancellationToken.None);
        return [.. members.Freeze().Members.Select(member => $"{member.Stratum} {member.Id}").Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> CountsAsync(EntityPoolReader pool, PopulationFilter filter, long? position) =>
        [.. (await pool.CountAsync(filter, position, CancellationToken.None)).Select(count => $"{count.Stratum} {count.Count}").Order(StringComparer.Ordinal)];

    /// <summary>Imports <paramref name="directory"/>; an empty one writes nothing, as the import refuses a file without rows.</summary>
    private async Task ImportAsync(IReadOnlyList<MarketEntity> directory)
    {
        if (directory.Count == 0)
        {
            return;
        }

        var csv = new StringWriter();
        EntityCsv.Write(csv, directory.Select(entity => new EntityInput(
            entity.Uscc, entity.Name, entity.Type.ToString(), entity.Jurisdiction.Value, entity.RegistrationAuthority, entity.Address,
            entity.Industry, entity.RiskClass.ToString(), entity.Tags, entity.Status.ToString())));
        await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(csv.ToString())).ToUrl("/api/entities/import").ContentType("text/csv");
            s.As(fixture.Token(Role.Registrar, "520000", "registrar"));
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
    }

    private sealed record Details(string Industry, RiskClass Risk, string[] Tags, EntityStatus Status)
    {
        public MarketEntity Onto(MarketEntity state) =>
            state with { Industry = Industry, RiskClass = Risk, Tags = [.. Tags.Order(StringComparer.Ordinal)], Status = Status };
    }

    private sealed record Registered(string District, EntityType Type, Details Details)
    {
        /// <summary>The entity's state; character 2 of its code matches its type, as registration requires (GB 32100).</summary>
        public MarketEntity State(int index)
        {
            var kind = Type switch
            {
                EntityType.Enterprise => '1',
                EntityType.IndividualBusiness => '2',
                EntityType.FarmerCooperative => '3',
                _ => '9',
            };
            var uscc = Uscc.Complete($"9{kind}{District}{index + 1:D8}").Value;
            var registered = new MarketEntity(
                uscc, $"检查对象{index}", Type, DivisionCode.Parse(District), "登记机关", "", "", RiskClass.A, [], EntityStatus.Existing);
            return Details.Onto(registered);
        }
    }

    private sealed record Case(Registered[] First, Details?[] Changes, Registered[] Added, PopulationFilter[] Filters, int ExcludeEvery);
}

public sealed class PoolRuleHost() : LedgerHost("test_pool_rule");

[CollectionDefinition(nameof(PoolRuleCollection))]
public sealed class PoolRuleCollection : ICollectionFixture<PoolRuleHost>;
