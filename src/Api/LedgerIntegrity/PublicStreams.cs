using FairDraw.Api.InspectionResults;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Items;
using Marten;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// The streams whose events anyone may read (一公开), so whose receipts are served without a token: the draws of the
/// sampling tasks (the public page, the verification and the evidence bundle show them whole) and the item lists once
/// published (their content is public then), and the result streams once published (公示: the public reads show them).
/// Every other stream (entities, inspectors with their suspensions and conflicts of interest, plans, draft lists,
/// pool-copy records) is read with a token only; an unpublished result only by a token holder who may read that result
/// (<see cref="ResultAccess"/>: the auditor and investigator, the officials covering its task, its inspectors).
/// </summary>
public static class PublicStreams
{
    /// <summary>Whether <paramref name="reader"/> (null without a token) may read the events of <paramref name="streamKey"/>.</summary>
    public static async Task<bool> MayReadAsync(IQuerySession session, string streamKey, Actor? reader)
    {
        if (streamKey.StartsWith(StreamKeys.TaskPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (streamKey.StartsWith(StreamKeys.ResultPrefix, StringComparison.Ordinal))
        {
            var result = (await TaskResults.LoadAsync(session, streamKey)).State;
            return result?.Publication is not null
                || (reader is not null && result is not null && await ResultAccess.MayReadAsync(session, reader, result));
        }

        return reader is not null
            || (streamKey.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal)
                && await session.LoadAsync<ItemListView>(streamKey) is { Published: true });
    }
}
