using System.Net;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;

namespace FairDraw.Api.Tests.Inspectors;

/// <summary>The inputs and requests the inspector scenarios share.</summary>
public static class InspectorRequests
{
    public const string StaffId = "GY520102-0001";
    public const string NanmingTeam = "南明区市场监督管理局执法大队";

    public static InspectorInput Staff(string id = StaffId) => new(
        id,
        "王建国",
        "执法人员",
        null,
        NanmingTeam,
        "520102",
        new CertificateInput("52010200001", "2020-01-01", "2025-12-31"),
        ["行政执法资格"],
        ["特种设备", "食品安全"]);

    public static InspectorInput Expert(string id = "GY-EXP-0001") => new(
        id,
        "李文",
        "外部专家",
        "贵州省产品质量检验检测院",
        "贵阳市市场监督管理局",
        "520100",
        null,
        ["检验检测"],
        ["产品质量"]);

    public static string NanmingPersonnel(this InspectorDirectoryHost fixture) => fixture.Token(Role.Personnel, "520102", "personnel-nanming");

    public static string CityPersonnel(this InspectorDirectoryHost fixture) => fixture.Token(Role.Personnel, "520100", "personnel-city");

    /// <summary>Enrols <paramref name="input"/> as the city personnel office and expects 201.</summary>
    public static Task<IScenarioResult> EnrolAsync(this InspectorDirectoryHost fixture, InspectorInput input) =>
        fixture.Host.Scenario(s =>
        {
            s.Post.Json(input).ToUrl("/api/inspectors");
            s.As(fixture.CityPersonnel());
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
}
