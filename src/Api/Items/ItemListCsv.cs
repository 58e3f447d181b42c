using FairDraw.Api.Csv;
using FairDraw.Ledger.Items;

namespace FairDraw.Api.Items;

/// <summary>The categories and items read from an item list file, in file order.</summary>
public sealed record ItemListFile(IReadOnlyList<CategoryInput> Categories, IReadOnlyList<ItemInput> Items);

/// <summary>
/// The item list file format (docs/item-list-format.md): a header row, then one row per item carrying its category's
/// code and name. Headers are the English column names or their Chinese labels, in any order. Object types and methods
/// hold several values separated by ';'. A file is accepted whole or rejected with every bad line.
/// </summary>
public static class ItemListCsv
{
    /// <summary>The columns: English name (also the field in error reports) and Chinese label.</summary>
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("categoryCode", "类别编码"),
        new("categoryName", "抽查类别"),
        new("code", "事项编码"),
        new("name", "抽查事项"),
        new("objectTypes", "检查对象"),
        new("kind", "事项类型"),
        new("methods", "检查方式"),
        new("responsibleDepartment", "责任部门"),
        new("legalBasis", "检查依据"),
        new("level", "统筹层级"),
    ];

    /// <summary>
    /// Reads and validates a whole file; throws <see cref="FileRejectedException"/> naming every bad line. A list is one
    /// stream whose events are appended together, so its records are all held (a list has hundreds of items, not millions).
    /// </summary>
    public static ItemListFile Read(UploadedFile file)
    {
        var errors = new List<LineError>();
        file.Content.Position = 0;
        // A list holds at most MaxItems rows after its header: stop reading there rather than hold a huge file's records.
        var records = CsvRecords.Read(file.Content, errors).Take(ItemListContent.MaxItems + 2).ToList();
        var columns = errors.Count == 0 ? CsvHeader.Map(records, Columns, errors) : null;
        if (columns is not null && records.Count > ItemListContent.MaxItems + 1)
        {
            throw new FileRejectedException(file.Name, [new LineError(records[^1].Line, "items",
                $"一个清单最多{ItemListContent.MaxItems}个事项 / a list holds at most {ItemListContent.MaxItems} items")], 1);
        }

        var content = columns is null ? null : Rows(records, columns, errors);
        if (errors.Count > 0 || content is null)
        {
            var ordered = errors.OrderBy(e => e.Line).ToList();
            throw new FileRejectedException(file.Name, [.. ordered.Take(FileRejectedException.MaxReported)], ordered.Count);
        }

        return content;
    }

    private static ItemListFile Rows(IReadOnlyList<CsvRecord> records, Dictionary<string, int> columns, List<LineError> errors)
    {
        var categories = new List<CategoryInput>();
        var categoryLines = new List<int>();
        var items = new List<ItemInput>();
        var itemLines = new List<int>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Count)
            {
                errors.Add(new LineError(record.Line, "", $"应有{columns.Count}列，实际{record.Fields.Count}列 / expected {columns.Count} fields, found {record.Fields.Count}"));
                continue;
            }

            string Cell(string column) => record.Fields[columns[column]].Trim();
            var (categoryCode, categoryName) = (Cell("categoryCode"), Cell("categoryName"));
            var known = categories.FindIndex(c => c.Code == categoryCode);
            if (known < 0)
            {
                categories.Add(new CategoryInput(categoryCode, categoryName));
                categoryLines.Add(record.Line);
            }
            else if (categories[known].Name != categoryName)
            {
                errors.Add(new LineError(record.Line, "categoryName", $"类别编码“{categoryCode}”在第{categoryLines[known]}行名为“{categories[known].Name}” / category {categoryCode} is named '{categories[known].Name}' on line {categoryLines[known]}"));
            }

            items.Add(new ItemInput(
                Cell("code"), categoryCode, Cell("name"), Values(Cell("objectTypes")), Cell("kind"), Values(Cell("methods")),
                Cell("responsibleDepartment"), Cell("legalBasis"), Cell("level")));
            itemLines.Add(record.Line);
        }

        if (records.Count == 1)
        {
            errors.Add(new LineError(1, "", "文件只有表头，没有事项 / the file has a header but no items"));
        }

        foreach (var problem in ItemListContent.Validate(categories, items).Problems)
        {
            errors.Add(problem.Part == ListPart.Categories
                ? new LineError(categoryLines[problem.Index], "category" + char.ToUpperInvariant(problem.Field[0]) + problem.Field[1..], problem.Reason)
                : new LineError(itemLines[problem.Index], problem.Field, problem.Reason));
        }

        return new ItemListFile(categories, items);
    }

    private static string[] Values(string cell) => cell.Split([';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
