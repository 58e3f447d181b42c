using FairDraw.Ledger;
using FairDraw.Projections.Items;
using Marten;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// The streams whose events anyone may read (一公开), so whose receipts are served without a token: the draws of the
/// sampling tasks (the public page, the verification and the evidence bundle show them whole) and the item lists once
/// published (their content is public then). Every other stream (entities, inspectors with their suspensions and
/// conflicts of interest, plans, draft lists, pool-copy records) is read with a token only.
/// </summary>
public static class PublicStreams
{
    public static async Task<bool> IsPublicAsync(IQuerySession session, string streamKey)
    {
        if (streamKey.StartsWith(StreamKeys.TaskPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        return streamKey.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal)
            && await session.LoadAsync<ItemListView>(streamKey) is { Published: true };
    }
}
