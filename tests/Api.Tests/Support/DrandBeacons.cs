using System.Text.Json;
using FairDraw.Ledger.Draws;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Support;

/// <summary>A real drand beacon of verifier/fixtures/drand-beacons.json (the fixture names where each was copied from).</summary>
public sealed record DrandBeacon(string Name, string Chain, long Round, Instant Time, string Signature, string? PreviousSignature)
{
    /// <summary>The beacon as a recorded value of the source labelled <paramref name="label"/>.</summary>
    public RandomnessInput Input(string label = "drand") => new(label, Signature, null, PreviousSignature);
}

/// <summary>The real beacons the draw tests record, shared with the JavaScript verifier's tests.</summary>
public static class DrandBeacons
{
    private static readonly IReadOnlyList<DrandBeacon> All = Read();

    /// <summary>default round 2023932, 2022-06-25 09:23 UTC: the tests' first round.</summary>
    public static DrandBeacon June2022 => Named("default-2022-06-25");

    /// <summary>default round 3311596, 2023-09-15 11:55 UTC: a later round.</summary>
    public static DrandBeacon September2023 => Named("default-2023-09-15");

    /// <summary>quicknet round 657413, 2023-09-15 11:00:03 UTC.</summary>
    public static DrandBeacon Quicknet => Named("quicknet-2023-09-15");

    private static DrandBeacon Named(string name) => All.Single(beacon => beacon.Name == name);

    private static DrandBeacon[] Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "verifier", "fixtures", "drand-beacons.json")));
        return [.. document.RootElement.GetProperty("beacons").EnumerateArray().Select(beacon => new DrandBeacon(
            beacon.GetProperty("name").GetString()!,
            beacon.GetProperty("chain").GetString()!,
            beacon.GetProperty("round").GetInt64(),
            InstantPattern.General.Parse(beacon.GetProperty("time").GetString()!).Value,
            beacon.GetProperty("signature").GetString()!,
            beacon.GetProperty("previousSignature").GetString()))];
    }
}
