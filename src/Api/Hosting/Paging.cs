using Marten;

namespace FairDraw.Api.Hosting;

/// <summary>One page of a list: the items, the page asked for and the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>Paging of directory lists: page ≥ 1 (default 1), 1 ≤ pageSize ≤ 500 (default 50).</summary>
public static class Paging
{
    private static (int Page, int Size) Validate(int? page, int? size)
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

    /// <summary>Counts the matches of an ordered query and reads one page of them.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IOrderedQueryable<T> ordered, int? page, int? pageSize)
        where T : notnull
    {
        var (number, size) = Validate(page, pageSize);
        var total = await ordered.CountAsync();
        var items = await ordered.Skip((number - 1) * size).Take(size).ToListAsync();
        return new Page<T>(items, number, size, total);
    }
}
