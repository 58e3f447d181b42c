namespace FairDraw.Api.Demo;

/// <summary>The demo's geography: Guiyang city (贵阳市) and its ten districts and counties, by division code.</summary>
public static class Guiyang
{
    public const string City = "520100";

    public static readonly IReadOnlyList<(string Code, string Name)> Districts =
    [
        ("520102", "南明区"),
        ("520103", "云岩区"),
        ("520111", "花溪区"),
        ("520112", "乌当区"),
        ("520113", "白云区"),
        ("520115", "观山湖区"),
        ("520121", "开阳县"),
        ("520122", "息烽县"),
        ("520123", "修文县"),
        ("520181", "清镇市"),
    ];

    public static string NameOf(string code) =>
        code == City ? "贵阳市" : Districts.First(d => d.Code == code).Name;
}
