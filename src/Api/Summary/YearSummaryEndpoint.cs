using System.Globalization;
using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Summary;
using Marten;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Summary;

public static class YearSummaryEndpoint
{
    public const string Path = "/api/summaries/{year}";

    /// <summary>
    /// 年度总结: the year's figures per jurisdiction (a city's own and each district's, and the city's total), read from
    /// the projections: the credit office, business divisions and district bureaus covering the jurisdiction (default
    /// their own), the auditor and the investigator.
    /// </summary>
    [WolverineGet(Path, Name = "YearSummary")]
    public static Task<YearSummary> Get(
        string year, string? jurisdiction, ClaimsPrincipal user, IQuerySession session, IClock clock, CancellationToken cancellation) =>
        SummaryAsync(year, jurisdiction, user, session, clock, cancellation);

    /// <summary>
    /// The summary as a printable report (A4, print styles, a table of figures per jurisdiction, SVG bar charts), in
    /// zh-CN or, with <c>lang=en</c>, English; rendered here with every value encoded, for the same readers as the JSON.
    /// </summary>
    [WolverineGet(Path + "/report", Name = "YearSummaryReport")]
    public static async Task<IResult> Report(
        string year,
        string? jurisdiction,
        string? lang,
        ClaimsPrincipal user,
        IQuerySession session,
        IClock clock,
        CancellationToken cancellation)
    {
        var language = SummaryReport.Language(lang);
        var summary = await SummaryAsync(year, jurisdiction, user, session, clock, cancellation);
        return Results.Text(SummaryReport.Render(summary, language), "text/html; charset=utf-8");
    }

    private static async Task<YearSummary> SummaryAsync(
        string year, string? jurisdiction, ClaimsPrincipal user, IQuerySession session, IClock clock, CancellationToken cancellation)
    {
        var scope = FollowUpReading.Scope(
            user.ToActor(),
            jurisdiction,
            "查看年度总结 / read the year-end summary",
            Role.CreditOffice,
            Role.BusinessDivision,
            Role.DistrictBureau);
        var y = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed is >= PlanId.FirstYear and <= PlanId.LastYear
            ? parsed
            : throw DomainException.Invalid(
                "year", $"请指定{PlanId.FirstYear}–{PlanId.LastYear}之间的年度 / year must be {PlanId.FirstYear}–{PlanId.LastYear}, got '{year}'");
        var sources = await SummarySources.CurrentAsync(session, y, scope, cancellation);
        return YearSummaries.Compute(y, scope, sources, BeijingTime.DateOf(clock.GetCurrentInstant()));
    }
}
