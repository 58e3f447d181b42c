using FairDraw.Ledger;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Items;
using Marten;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// The streams whose events anyone may read (一公开), so whose receipts are served without a token: the draws of the
/// sampling tasks (the public page, the verification and the evidence bundle show them whole) and the item lists once
/// published (their content is public then), and the result streams once published (公示: the public reads show them).
/// Every other stream (entities, inspectors with their suspensions and conflicts of interest, plans, draft lists,
/// pool-copy records, unpublished results) is read with a token only.
/// </summary>
public static class PublicStreams
{
    public static async Task<bool> IsPublicAsync(IQuerySession session, string streamKey)
    {
        if (streamKey.StartsWith(StreamKeys.TaskPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (streamKey.StartsWith(StreamKeys.ResultPrefix, StringComparison.Ordinal))
        {
            var events = await session.Events.FetchStreamAsync(streamKey);
            return events.Any(e => e.Data is InspectionResultPublished);
        }

        return streamKey.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal)
            && await session.LoadAsync<ItemListView>(streamKey) is { Published: true };
    }
}
