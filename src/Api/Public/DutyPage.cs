using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// 履职核验 (/duty), a page of the portal (<see cref="PortalPages"/>): the visitor chooses a duty bundle file, which the
/// browser reads and verifies with the independent JavaScript duty verifier and never uploads, then prints the verified
/// report. The verifier's files are served as they are from verifier/, beside draw-verifier.mjs whose checks they import.
/// </summary>
public static class DutyPage
{
    private static readonly Lazy<byte[]> DutyVerifier = new(() => PortalPages.Resource("duty-verifier.mjs"));
    private static readonly Lazy<byte[]> DutyClauses = new(() => PortalPages.Resource("duty-clauses.mjs"));
    private static readonly Lazy<byte[]> WorkingDays = new(() => PortalPages.Resource("working-days.mjs"));
    private static readonly Lazy<byte[]> WitnessedTime = new(() => PortalPages.Resource("witnessed-time.mjs"));

    /// <summary>The page (中文/English); its module reads the chosen file in the browser.</summary>
    [AllowAnonymous]
    [WolverineGet("/duty", Name = "PortalDuty")]
    public static IResult Get() => PortalPages.Page("/portal/assets/duty.mjs", "履职核验");

    /// <summary>The duty-bundle verifier, as the repository's verifier/duty-verifier.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/duty-verifier.mjs", Name = "DutyVerifierScript")]
    public static IResult VerifierScript() => Results.Bytes(DutyVerifier.Value, "text/javascript; charset=utf-8");

    /// <summary>The duty report's clauses recomputed from the events, as the repository's verifier/duty-clauses.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/duty-clauses.mjs", Name = "DutyClausesScript")]
    public static IResult ClausesScript() => Results.Bytes(DutyClauses.Value, "text/javascript; charset=utf-8");

    /// <summary>The duty verifier's working-day calendar, as the repository's verifier/working-days.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/working-days.mjs", Name = "WorkingDaysScript")]
    public static IResult WorkingDaysScript() => Results.Bytes(WorkingDays.Value, "text/javascript; charset=utf-8");

    /// <summary>The duty verifier's witnessed time bounds, as the repository's verifier/witnessed-time.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/witnessed-time.mjs", Name = "WitnessedTimeScript")]
    public static IResult WitnessedTimeScript() => Results.Bytes(WitnessedTime.Value, "text/javascript; charset=utf-8");
}
