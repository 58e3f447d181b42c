using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using NodaTime;

namespace FairDraw.Ledger.Tests.Inspectors;

/// <summary>The actors, inputs and given events the inspector decision tests share.</summary>
public static class InspectorExamples
{
    public const string StaffId = "GY520102-0001";
    public const string ExpertId = "GY-EXP-0001";

    public static readonly Instant Now = Instant.FromUtc(2021, 6, 1, 2, 0);
    public static readonly Instant Earlier = Instant.FromUtc(2021, 3, 1, 2, 0);

    public static readonly Actor CityPersonnel = new("personnel-city", Role.Personnel, DivisionCode.Parse("520100"));
    public static readonly Actor NanmingPersonnel = new("personnel-nanming", Role.Personnel, DivisionCode.Parse("520102"));
    public static readonly Actor YunyanPersonnel = new("personnel-yunyan", Role.Personnel, DivisionCode.Parse("520103"));
    public static readonly Actor CityRegistrar = new("registrar-city", Role.Registrar, DivisionCode.Parse("520100"));
    public static readonly Actor StaffHimself = new(StaffId, Role.Inspector, DivisionCode.Parse("520102"));
    public static readonly Actor OtherInspector = new("GY520102-0002", Role.Inspector, DivisionCode.Parse("520102"));

    /// <summary>A valid code of an entity in 南明区 (check characters computed by <see cref="Uscc.Complete"/>).</summary>
    public static readonly string NanmingShop = Uscc.Complete("91520102MA6DKXAB").Value;

    public static readonly EnforcementCertificate Certificate2020 =
        new("52010200001", new LocalDate(2020, 1, 1), new LocalDate(2025, 12, 31));

    public static InspectorInput Staff() => new(
        StaffId,
        "王建国",
        "执法人员",
        null,
        "南明区市场监督管理局执法大队",
        "520102",
        new CertificateInput("52010200001", "2020-01-01", "2025-12-31"),
        ["行政执法资格", "食品检查员"],
        ["特种设备", "食品安全"]);

    public static InspectorInput Expert() => new(
        ExpertId,
        "李文",
        "ExternalExpert",
        "贵州省产品质量检验检测院",
        "贵阳市市场监督管理局",
        "520100",
        null,
        ["检验检测"],
        ["产品质量"]);

    public static InspectorEnrolled StaffEnrolled(Instant at) => new(
        StaffId,
        "王建国",
        InspectorKind.Staff,
        "",
        "南明区市场监督管理局执法大队",
        DivisionCode.Parse("520102"),
        Certificate2020,
        ["行政执法资格", "食品检查员"],
        ["特种设备", "食品安全"],
        "personnel-nanming",
        at);

    public static InspectorEnrolled ExpertEnrolled(Instant at) => new(
        ExpertId,
        "李文",
        InspectorKind.ExternalExpert,
        "贵州省产品质量检验检测院",
        "贵阳市市场监督管理局",
        DivisionCode.Parse("520100"),
        null,
        ["检验检测"],
        ["产品质量"],
        "personnel-city",
        at);

    /// <summary>The state after <paramref name="events"/> (null when none).</summary>
    public static Inspector? Given(params object[] events) => events.Aggregate((Inspector?)null, Inspector.Evolve);

    /// <summary>The staff inspector, enrolled earlier and still active.</summary>
    public static Inspector? ActiveStaff() => Given(StaffEnrolled(Earlier));

    public static Inspector? SuspendedStaff() =>
        Given(StaffEnrolled(Earlier), new InspectorSuspended(StaffId, "接受调查", "personnel-nanming", Earlier));

    public static Inspector? RetiredStaff() =>
        Given(StaffEnrolled(Earlier), new InspectorRetired(StaffId, "personnel-nanming", Earlier));
}
