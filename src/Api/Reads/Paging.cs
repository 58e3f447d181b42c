using System.Linq.Expressions;
using FairDraw.Ledger;
using Marten;
using Marten.Linq.MatchesSql;

namespace FairDraw.Api.Reads;

/// <summary>
/// One page of a list: the items; the page number asked for (null when the page was reached by cursor); the page size;
/// the number of all matches, counted only when asked (<c>count=true</c>), else null; and the cursor of the next page
/// (null on the last page).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int? PageNumber, int PageSize, long? Total, string? Next)
{
    public Page<TResult> Select<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], PageNumber, PageSize, Total, Next);
}

/// <summary>How a list is paged: by number (<c>page</c>) or by cursor (<c>after</c>, the <c>next</c> of the page before).</summary>
public readonly record struct PageRequest(int? Page, int? PageSize, string? After, bool? Count);

/// <summary>
/// The order of a list: a key unique among the records it lists (for the directories, one revision per record is
/// valid at any moment), the member that orders by it and the column the cursor compares.
/// </summary>
public sealed record ListOrder<T>(string Name, Expression<Func<T, string>> Member, string Column)
{
    private readonly Func<T, string> keyOf = Member.Compile();

    /// <summary>The name of the ordering member (as stored, the property's own name).</summary>
    public string MemberName => ((MemberExpression)Member.Body).Member.Name;

    public string KeyOf(T item) => keyOf(item);
}

/// <summary>
/// Paging of lists: by page number (page ≥ 1, 1 ≤ pageSize ≤ 500, default 50) or by cursor, both over the same order.
/// A numbered page reads and skips every row before it; a cursor seeks to its key, so deep pages cost what the first
/// does. Counting every match costs a scan of all of them, so it is done only when asked.
/// </summary>
public static class Paging
{
    /// <summary>
    /// Counts the matches when asked and reads one page of them, with one row more than the page holds to know whether
    /// a next page exists. <paramref name="filters"/> are the caller's filter values, bound into the cursor.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(
        this IQueryable<T> query, PageRequest request, ListOrder<T> order, params object?[] filters)
        where T : notnull
    {
        var plan = await PlanAsync(query, request, order, filters);
        if (plan.Rows is null)
        {
            return new Page<T>([], plan.Number, plan.Size, plan.Total, null);
        }

        var rows = await plan.Rows.ToListAsync();
        var items = rows.Take(plan.Size).ToList();
        var next = rows.Count > plan.Size ? ListCursor.Encode(order.KeyOf(items[^1]), plan.Scope) : null;
        return new Page<T>(items, plan.Number, plan.Size, plan.Total, next);
    }

    /// <summary>
    /// <see cref="ToPageAsync{T}"/> for a list whose items are the stored documents as they are: answered from their
    /// stored JSON, without reading each into an object and writing it back (see <see cref="StoredJsonPage{T}"/>).
    /// </summary>
    public static async Task<StoredJsonPage<T>> ToStoredJsonPageAsync<T>(
        this IQueryable<T> query, PageRequest request, ListOrder<T> order, params object?[] filters)
        where T : notnull
    {
        var plan = await PlanAsync(query, request, order, filters);
        var stored = new MemoryStream((plan.Size + 1) * 1024);
        if (plan.Rows is null)
        {
            stored.Write("[]"u8);
        }
        else
        {
            await plan.Rows.StreamJsonArray(stored);
        }

        return new StoredJsonPage<T>(
            new ArraySegment<byte>(stored.GetBuffer(), 0, (int)stored.Length), plan.Number, plan.Size, plan.Total,
            order.MemberName, key => ListCursor.Encode(key, plan.Scope));
    }

    /// <summary>
    /// The query of one page in order with its extra row, or null past any directory's end; the page number (null when
    /// reached by cursor), size, count when asked, and the cursor's scope.
    /// </summary>
    private sealed record PagePlan<T>(IQueryable<T>? Rows, int? Number, int Size, long? Total, string Scope);

    private static async Task<PagePlan<T>> PlanAsync<T>(IQueryable<T> query, PageRequest request, ListOrder<T> order, object?[] filters)
        where T : notnull
    {
        var size = request.PageSize ?? 50;
        if (size is < 1 or > 500)
        {
            throw DomainException.Invalid("pageSize", "每页1–500条 / pageSize must be 1–500");
        }

        var scope = ListCursor.Scope(order.Name, filters);
        if (request.After is not null && request.Page is not null)
        {
            throw DomainException.Invalid("after", "page 与 after 只能给一个 / give page or after, not both");
        }

        var key = request.After is { } after ? ListCursor.Decode(after, scope) : null;
        int? number = key is null ? request.Page ?? 1 : null;
        var skip = number is { } page ? Offset(page, size) : 0L;
        var total = request.Count == true ? await query.CountAsync() : (long?)null;
        if (key is not null)
        {
            var seek = order.Column + " > ?";
            query = query.Where(x => x.MatchesSql(seek, key));
        }

        // Past any directory's end: Marten's Skip takes an int.
        var rows = skip > int.MaxValue ? null : query.OrderBy(order.Member).Skip((int)skip).Take(size + 1);
        return new PagePlan<T>(rows, number, size, total, scope);
    }

    /// <summary>The rows before a numbered page, in 64-bit arithmetic so that no page number overflows.</summary>
    private static long Offset(int page, int size) => page >= 1
        ? (long)(page - 1) * size
        : throw DomainException.Invalid("page", "页码从1开始 / page starts at 1");
}
