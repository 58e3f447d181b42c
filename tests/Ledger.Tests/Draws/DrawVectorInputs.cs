using System.Text;
using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>A source value as an operator enters it, before §6 canonicalises it: drand hex as typed, lottery numbers as drawn.</summary>
internal sealed record RawSourceValue(string Label, string? Signature, IReadOnlyList<int>? Numbers)
{
    public SourceValue Canonical() => Signature is not null ? SourceValue.Drand(Label, Signature) : SourceValue.Lottery(Label, Numbers!);
}

/// <summary>A published vector: its inputs, the raw values they were canonicalised from (if shown), and whether it adjusts.</summary>
internal sealed record DrawVector(string Name, DrawInputs Inputs, IReadOnlyList<RawSourceValue>? RawValues = null, bool Adjusted = false);

/// <summary>The inputs of the published vectors in docs/draw-vectors.json (small pools, every skip reason exercised).</summary>
internal static class DrawVectorInputs
{
    public static IReadOnlyList<DrawVector> All =>
    [
        new("three-strata-two-sources", ThreeStrata()),
        new("party-secrets-and-infeasible", PartySecrets()),
        new("utf8-order-beyond-the-bmp", Utf8Order()),
        RawValuesAndAdjustments(),
    ];

    /// <summary>
    /// Values as entered (drand hex in mixed case inside whitespace, lottery numbers in drawn order), an expertise only two
    /// inspectors of capacity 1 hold (infeasible entities), and a substitution, a next-ticket and a manual reassignment
    /// in sequence (<see cref="VectorRound"/>). The lottery result is 大乐透 issue 25128 (docs/draw-protocol.md §13).
    /// </summary>
    private static DrawVector RawValuesAndAdjustments()
    {
        EntityMember[] entities =
        [
            new("A级", "91520102MA6G000014"), new("B级", "91520102MA6G000022"), new("A级", "91520102MA6G000030"),
            new("A级", "91520102MA6G000049"), new("B级", "91520102MA6G000057"), new("A级", "91520102MA6G000065"),
            new("B级", "91520102MA6G000073"), new("A级", "91520102MA6G000081"), new("B级", "91520102MA6G00009X"),
            new("A级", "91520102MA6G0000A8"), new("B级", "91520102MA6G0000B6"), new("A级", "91520102MA6G0000C4"),
            new("B级", "91520102MA6G0000D2"), new("A级", "91520102MA6G0000E0"),
        ];
        InspectorMember[] inspectors =
        [
            new("GY-0201", "南明区局", ["食品"], 1),
            new("GY-0202", "云岩区局", ["食品"], 1),
            new("GY-0203", "南明区局", [], 2),
            new("GY-0204", "云岩区局", [], 3),
            new("GY-0205", "花溪区局", [], 2),
            new("GY-0206", "乌当区局", [], 2),
            new("GY-0207", "白云区局", ["食品"], 2, active: false),
            new("GY-0208", "观山湖区局", [], 2),
            new("GY-0209", "清镇市局", [], 2),
        ];
        var rules = new DrawRules(
            [new StratumRule("A级", new SamplingRatio(1, 4)), new StratumRule("B级", new SamplingRatio(1, 2), "食品")],
            inspectorsPerEntity: 2,
            capacityCap: 3);
        RandomnessSource[] sources =
        [
            new("drand-quicknet-round", RandomnessSource.Drand, "drand quicknet 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971 round 24300000", RandomnessSource.DrandEncoding),
            new("daletou", RandomnessSource.Lottery, "大乐透 2025-11-10 第25128期", RandomnessSource.LotteryEncoding),
        ];
        RawSourceValue[] raw =
        [
            // A stand-in 96-hex-digit signature (SHA-384 of "vector four stand-in signature"), typed in mixed case inside whitespace.
            new("drand-quicknet-round", " \t1a2F23A068b780339746d0deA50E203c4Ad129bFcf3b4Fe6Fb3Af41b8189E3aF0b5da77a0d31bcC549f19363ca4acA86\r\n", null),
            new("daletou", null, [33, 6, 30, 3, 26, 12, 11]),
        ];
        return new DrawVector(
            "raw-values-infeasible-and-adjustments",
            new DrawInputs(
                "GY-2026-SJ-0045", entities, inspectors, [new ConflictPair("GY-0204", "91520102MA6G000049")], rules, sources,
                DrawInputs.StandardFallback, [.. raw.Select(value => value.Canonical())], []),
            raw,
            Adjusted: true);
    }

    private static DrawInputs ThreeStrata()
    {
        EntityMember[] entities =
        [
            new("A类", "91520102MA6DK1N21C"), new("A类", "91520103MA6DKW0R2L"), new("A类", "91520111MA6DL3GX4B"),
            new("A类", "91520112MA6DM7QH0P"), new("A类", "91520113MA6DNB2Y8T"),
            new("B类", "92520102MA6DP4RU3E"), new("B类", "92520103MA6DQ8TJ6K"), new("B类", "92520115MA6DRC5L1W"),
            new("B类", "92520121MA6DTG7N9H"),
            new("C类", "93520122MA6DUK9P5R"), new("C类", "93520123MA6DWN1Q7Y"), new("C类", "93520181MA6DXR3T2A"),
        ];
        InspectorMember[] inspectors =
        [
            new("GY520102-0001", "南明区局", ["food", "pricing"], 2),
            new("GY520102-0002", "南明区局", ["food"], 3),
            new("GY520103-0001", "云岩区局", ["special-equipment"], 2),
            new("GY520103-0002", "云岩区局", ["food", "special-equipment"], 1),
            new("GY520111-0001", "花溪区局", ["pricing"], 2),
            new("GY520111-0002", "花溪区局", ["food"], 2, active: false),
            new("GY520112-0001", "乌当区局", ["special-equipment", "food"], 2),
            new("EXP-0001", "贵州省特种设备检验检测院", ["special-equipment"], 1),
        ];
        ConflictPair[] conflicts =
        [
            new("GY520102-0002", "91520102MA6DK1N21C"),
            new("GY520112-0001", "92520121MA6DTG7N9H"),
        ];
        var rules = new DrawRules(
            [
                new StratumRule("A类", new SamplingRatio(1, 2)),
                new StratumRule("B类", new SamplingRatio(1, 2), "food"),
                new StratumRule("C类", new SamplingRatio(3, 100), "special-equipment"),
            ],
            inspectorsPerEntity: 2,
            capacityCap: 3);
        return new DrawInputs(
            "GY-2026-SJ-0042", entities, inspectors, conflicts, rules, DrawInputs.StandardSources, DrawInputs.StandardFallback,
            [
                // A stand-in 96-hex-digit signature (SHA-384 of "vector one stand-in signature"), entered in upper case to show it is lower-cased.
                SourceValue.Drand("drand-quicknet-round", "DBE327E1CCD4258F82035A336984CF28B1CD17FBED0176C7AD9C18DCDBD01E5EA2DA5C7FF00AEBE09606A2F68E5C14E0"),
                SourceValue.Lottery("fucai-3d", [7, 2, 7]),
            ],
            []);
    }

    private static DrawInputs PartySecrets()
    {
        EntityMember[] entities =
        [
            new("food-producer", "91520102MA6E000011"), new("food-producer", "91520102MA6E000022"),
            new("food-producer", "91520102MA6E000033"), new("food-producer", "91520102MA6E000044"),
            new("food-producer", "91520102MA6E000055"), new("food-producer", "91520102MA6E000066"),
            new("other", "91520102MA6E000077"), new("other", "91520102MA6E000088"), new("other", "91520102MA6E000099"),
            new("other", "91520102MA6E0000AA"), new("other", "91520102MA6E0000BB"), new("other", "91520102MA6E0000CC"),
        ];
        InspectorMember[] inspectors =
        [
            new("GY-0001", "南明区局", ["food"], 1),
            new("GY-0002", "南明区局", ["food"], 2),
            new("GY-0003", "云岩区局", [], 3),
            new("GY-0004", "云岩区局", ["food"], 1),
            new("GY-0005", "花溪区局", [], 2),
            new("GY-0006", "花溪区局", ["food"], 1, active: false),
            // The unit is entered in NFD (e + U+0301); DRAW-v1 encodes its NFC form.
            new("GY-0007", "Re\u0301gie test unit", [], 2),
            new("GY-0008", "乌当区局", ["food"], 0),
        ];
        ConflictPair[] conflicts = [new("GY-0001", "91520102MA6E000044")];
        var rules = new DrawRules(
            [new StratumRule("food-producer", new SamplingRatio(1, 2), "food"), new StratumRule("other", new SamplingRatio(1, 3))],
            inspectorsPerEntity: 2,
            capacityCap: 2);
        RandomnessSource[] sources =
        [
            new("drand-quicknet-round", RandomnessSource.Drand, "drand quicknet 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971 round 24100000", RandomnessSource.DrandEncoding),
            new("shuangseqiu", RandomnessSource.Lottery, "双色球 2026-11-29 第2026137期", RandomnessSource.LotteryEncoding),
        ];
        return new DrawInputs(
            "GY-2026-SJ-0043", entities, inspectors, conflicts, rules, sources, DrawInputs.StandardFallback,
            [
                SourceValue.Drand("drand-quicknet-round", "a498c5b5ed73bd1bc59459d80365ee40a9d2ef7f444d268193aa252fc4c49fe763a65d9b3790dbaa9ef1f337d55ff361"),
                SourceValue.Lottery("shuangseqiu", [33, 5, 12, 1, 27, 19]),
            ],
            [Encoding.UTF8.GetBytes("discipline-office secret 7f3a"), Encoding.UTF8.GetBytes("bureau secret 19c2")]);
    }

    /// <summary>
    /// Labels whose UTF-8 byte order differs from their UTF-16 order: "Ａ" (U+FF21, UTF-8 EF BC A1) sorts before "𠀀"
    /// (U+20000, UTF-8 F0 A0 80 80), though its UTF-16 unit FF21 is above the surrogate D840. The strata, the rules
    /// (given here in UTF-16 order), the expertise tags and their rule all depend on it.
    /// </summary>
    private static DrawInputs Utf8Order()
    {
        EntityMember[] entities =
        [
            new("𠀀级", "91520102MA6F000019"), new("Ａ级", "91520102MA6F000027"), new("𠀀级", "91520102MA6F000035"),
            new("Ａ级", "91520102MA6F000043"), new("𠀀级", "91520102MA6F000051"), new("Ａ级", "91520102MA6F00006X"),
            new("𠀀级", "91520102MA6F000078"), new("Ａ级", "91520102MA6F000086"),
        ];
        InspectorMember[] inspectors =
        [
            new("GY-0101", "南明区局", ["𠀀", "Ｚ"], 2),
            new("GY-0102", "云岩区局", ["Ｚ"], 2),
            new("GY-0103", "花溪区局", ["𠀀"], 2),
            new("GY-0104", "乌当区局", ["Ｚ", "𠀀"], 2),
            new("GY-0105", "白云区局", [], 2),
            new("GY-0106", "观山湖区局", ["𠀀"], 2),
        ];
        var rules = new DrawRules(
            [new StratumRule("𠀀级", new SamplingRatio(1, 2), "𠀀"), new StratumRule("Ａ级", new SamplingRatio(1, 2), "Ｚ")],
            inspectorsPerEntity: 2,
            capacityCap: 2);
        RandomnessSource[] sources =
        [
            new("drand-quicknet-round", RandomnessSource.Drand, "drand quicknet 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971 round 24200000", RandomnessSource.DrandEncoding),
            new("fucai-3d", RandomnessSource.Lottery, "福彩3D 2026-11-30 第2026320期", RandomnessSource.LotteryEncoding),
        ];
        return new DrawInputs(
            "GY-2026-SJ-0044", entities, inspectors, [new ConflictPair("GY-0103", "91520102MA6F000035")], rules, sources, DrawInputs.StandardFallback,
            [
                // A stand-in 96-hex-digit signature (SHA-384 of "vector three stand-in signature").
                SourceValue.Drand("drand-quicknet-round", Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(Encoding.UTF8.GetBytes("vector three stand-in signature")))),
                SourceValue.Lottery("fucai-3d", [0, 9, 4]),
            ],
            []);
    }
}
