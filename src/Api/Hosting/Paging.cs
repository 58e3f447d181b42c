namespace FairDraw.Api.Hosting;

/// <summary>One page of a list: the items, the page asked for and the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>Paging parameters, validated (page ≥ 1, 1 ≤ size ≤ 500).</summary>
public static class Paging
{
    public static (int Page, int Size) Validate(int? page, int? size)
    {
        var p = page ?? 1;
        var s = size ?? 50;
        if (p < 1)
        {
            throw FairDraw.Ledger.DomainException.Invalid("page", "页码从1开始 / page starts at 1");
        }

        return s is < 1 or > 500
            ? throw FairDraw.Ledger.DomainException.Invalid("pageSize", "每页1–500条 / pageSize must be 1–500")
            : (p, s);
    }
}
