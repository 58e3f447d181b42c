using FairDraw.Api.Csv;
using FairDraw.Api.Entities;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using Marten;
using NodaTime;

namespace FairDraw.Api.Demo;

/// <summary>
/// A deterministic, Guiyang-shaped entity directory: every type, status and risk class, valid USCCs, realistic names,
/// industries and tags. The same count and seed always give the same rows.
/// </summary>
public static class DemoEntities
{
    public const int DefaultCount = 50_000;
    public const int Seed = 2021;

    private static readonly (string Code, string Trade, string[] Tags)[] Industries =
    [
        ("F5211", "百货", ["零售"]),
        ("F5221", "食品", ["食品经营"]),
        ("F5231", "服装", ["零售"]),
        ("F5251", "五金", ["产品质量"]),
        ("H6210", "餐饮", ["食品经营", "餐饮服务"]),
        ("H6220", "快餐", ["食品经营", "餐饮服务"]),
        ("C1391", "食品加工", ["食品生产"]),
        ("C1512", "酒业", ["食品生产"]),
        ("C2710", "药业", ["药品"]),
        ("C3311", "钢结构", ["产品质量", "工业产品生产许可"]),
        ("C3434", "电梯", ["特种设备"]),
        ("E4790", "建筑安装", ["特种设备"]),
        ("G5411", "物流", ["特种设备"]),
        ("I6513", "软件", []),
        ("L7251", "广告", ["广告"]),
        ("M7452", "检测", ["检验检测机构"]),
        ("O8010", "家政服务", []),
        ("F5265", "加油", ["计量", "价格"]),
        ("A0141", "种植", ["农资"]),
        ("F5274", "眼镜", ["计量"]),
    ];

    private static readonly string[] Words =
    [
        "黔", "筑", "林", "城", "花", "溪", "南", "明", "云", "岩", "观", "山", "湖", "宏", "盛", "鑫", "华", "泰", "达",
        "兴", "隆", "丰", "源", "康", "安", "恒", "瑞", "博", "信", "诚", "佳", "美", "荣", "和", "顺", "富", "新", "金",
    ];

    private static readonly string[] Streets = ["中华路", "遵义路", "宝山路", "瑞金路", "北京路", "延安路", "花果园大街", "长岭路", "黔灵山路", "甲秀路"];

    /// <summary>The demo rows: <paramref name="count"/> entities across the city, in a fixed order.</summary>
    public static IEnumerable<EntityInput> Generate(int count, int seed = Seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var (district, districtName, _) = Guiyang.Districts[random.Next(Guiyang.Districts.Count)];
            var type = Pick(random, (EntityType.IndividualBusiness, 60), (EntityType.Enterprise, 35), (EntityType.FarmerCooperative, 3), (EntityType.Other, 2));
            var status = Pick(random, (EntityStatus.Existing, 88), (EntityStatus.Deregistered, 6), (EntityStatus.Revoked, 4), (EntityStatus.MovedOut, 2));
            var risk = Pick(random, (RiskClass.A, 30), (RiskClass.B, 45), (RiskClass.C, 18), (RiskClass.D, 7));
            var industry = type == EntityType.FarmerCooperative ? Industries[^2] : Industries[random.Next(Industries.Length)];
            var brand = Words[random.Next(Words.Length)] + Words[random.Next(Words.Length)];
            var name = type switch
            {
                EntityType.Enterprise => $"贵州{brand}{industry.Trade}有限公司",
                EntityType.IndividualBusiness => $"{districtName}{brand}{industry.Trade}店",
                EntityType.FarmerCooperative => $"{districtName}{brand}{industry.Trade}农民专业合作社",
                _ => $"贵阳市{brand}{industry.Trade}行业协会",
            };
            yield return new EntityInput(
                Code(type, district, i).Value,
                name,
                EntityLabels.Types[type],
                district,
                $"贵阳市{districtName}市场监督管理局",
                $"贵阳市{districtName}{Streets[random.Next(Streets.Length)]}{random.Next(1, 400)}号",
                industry.Code,
                risk.ToString(),
                industry.Tags,
                EntityLabels.Statuses[status]);
        }
    }

    /// <summary>
    /// Loads the demo directory through the real import path (idempotent: a second load finds every row unchanged).
    /// </summary>
    public static async Task<ImportSummary> LoadAsync(IDocumentStore store, IClock clock, CancellationToken cancellation)
    {
        await using var file = new UploadedFile(new MemoryStream(), "demo-entities.csv");
        await using (var writer = new StreamWriter(file.Content, leaveOpen: true))
        {
            EntityCsv.Write(writer, Generate(DefaultCount));
        }

        var loader = new Actor("demo-loader", Role.Registrar, DivisionCode.Parse(Guiyang.City));
        return await EntityImport.RunAsync(store, file, loader, clock.GetCurrentInstant(), null, cancellation);
    }

    /// <summary>A unique, valid code: department 9 (or 5 for other entities), the kind matching the type, the district, a serial.</summary>
    private static Uscc Code(EntityType type, string district, int serial)
    {
        var (department, kind) = type switch
        {
            EntityType.Enterprise => ('9', '1'),
            EntityType.IndividualBusiness => ('9', '2'),
            EntityType.FarmerCooperative => ('9', '3'),
            _ => ('5', '1'),
        };
        var body = new char[6];
        for (int n = serial, k = 5; k >= 0; k--, n /= 31)
        {
            body[k] = Uscc.Alphabet[n % 31];
        }

        return Uscc.Complete($"{department}{kind}{district}MA{new string(body)}");
    }

    private static T Pick<T>(Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("unreachable: weights cover the roll");
    }
}
