namespace FairDraw.Api.Demo;

/// <summary>The demo's geography: Guiyang city (贵阳市) and its ten districts and counties, by division code.</summary>
public static class Guiyang
{
    public const string City = "520100";

    /// <summary>The districts and counties (GB/T 2260) with a few market-supervision stations (市场监管所) each.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string[] Stations)> Districts =
    [
        ("520102", "南明区", ["花果园", "太慈桥", "油榨街"]),
        ("520103", "云岩区", ["中华路", "黔灵", "金关"]),
        ("520111", "花溪区", ["青岩", "溪北", "小河"]),
        ("520112", "乌当区", ["新天", "东风", "水田"]),
        ("520113", "白云区", ["大山洞", "艳山红", "都拉"]),
        ("520115", "观山湖区", ["金阳", "世纪城", "朱昌"]),
        ("520121", "开阳县", ["城关", "双流", "龙岗"]),
        ("520122", "息烽县", ["永靖", "小寨坝", "九庄"]),
        ("520123", "修文县", ["龙场", "扎佐", "久长"]),
        ("520181", "清镇市", ["红枫湖", "卫城", "站街"]),
    ];
}
