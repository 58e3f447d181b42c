using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Inspectors;

public static class UpdateInspectorEndpoints
{
    /// <summary>Records a staff inspector's renewed enforcement certificate.</summary>
    [WolverinePut("/api/inspectors/{id}/certificate", Name = "RenewInspectorCertificate")]
    public static async Task<InspectorWritten> PutCertificate(string id, CertificateInput certificate, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.RenewCertificate(certificate, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }

    /// <summary>Replaces the qualifications and expertise tags of an inspector.</summary>
    [WolverinePut("/api/inspectors/{id}/qualifications", Name = "UpdateInspectorQualifications")]
    public static async Task<InspectorWritten> PutQualifications(string id, UpdateQualifications command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.UpdateQualifications(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }

    /// <summary>Transfers an inspector to another unit or jurisdiction (调动).</summary>
    [WolverinePost("/api/inspectors/{id}/transfer", Name = "TransferInspector")]
    public static async Task<InspectorWritten> PostTransfer(string id, TransferInspector command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.Transfer(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }
}
