using FairDraw.Api.Hosting;
using FairDraw.Ledger.Entities;

namespace FairDraw.Api.Entities;

/// <summary>
/// The entity directory's CSV format (docs/entity-import-format.md): UTF-8 (a BOM is tolerated), a header row naming
/// the columns in any order by English name or Chinese label, one entity per record; tags are separated by ';'.
/// </summary>
public static class EntityCsv
{
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("uscc", "统一社会信用代码"),
        new("name", "名称"),
        new("type", "类型"),
        new("jurisdiction", "管辖区划"),
        new("registrationAuthority", "登记机关"),
        new("address", "住所"),
        new("industry", "行业代码"),
        new("riskClass", "信用风险分类"),
        new("tags", "标签", Required: false),
        new("status", "登记状态", Required: false),
    ];

    private static readonly char[] TagSeparators = [';', '；'];

    /// <summary>Reads every record of a file; structural problems become line errors.</summary>
    public static (IReadOnlyList<(int Line, EntityInput Input)> Rows, IReadOnlyList<LineError> Errors) Read(byte[] file)
    {
        var errors = new List<LineError>();
        var records = CsvRecords.Read(file, errors);
        var columns = errors.Count == 0 ? CsvHeader.Map(records, Columns, errors) : null;
        if (columns is null)
        {
            return ([], errors);
        }

        var width = records[0].Fields.Count;
        int At(string column) => columns.TryGetValue(column, out var position) ? position : -1;
        var (uscc, name, type, jurisdiction, authority, address, industry, riskClass, tags, status) = (
            At("uscc"), At("name"), At("type"), At("jurisdiction"), At("registrationAuthority"), At("address"), At("industry"),
            At("riskClass"), At("tags"), At("status"));
        var rows = new List<(int, EntityInput)>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var fields = records[r].Fields;
            if (fields.Count != width)
            {
                errors.Add(new LineError(records[r].Line, "", $"应有{width}列，实际{fields.Count}列 / expected {width} fields, found {fields.Count}"));
                continue;
            }

            // An absent optional column reads as null, "not given": a known entity keeps its tags and status. An empty
            // tags cell is an empty list (the entity has no tags); a blank status cell is "not given" as well.
            string? Cell(int position) => position < 0 ? null : fields[position];
            rows.Add((records[r].Line, new EntityInput(
                Cell(uscc),
                Cell(name),
                Cell(type),
                Cell(jurisdiction),
                Cell(authority),
                Cell(address),
                Cell(industry),
                Cell(riskClass),
                Cell(tags)?.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Cell(status))));
        }

        return (rows, errors);
    }

    /// <summary>Writes entities in this format (used by the demo generator and benchmarks).</summary>
    public static void Write(TextWriter writer, IEnumerable<EntityInput> entities)
    {
        writer.WriteLine(string.Join(',', Columns.Select(c => c.Name)));
        foreach (var e in entities)
        {
            writer.WriteLine(string.Join(',', new[]
            {
                e.Uscc, e.Name, e.Type, e.Jurisdiction, e.RegistrationAuthority, e.Address, e.Industry, e.RiskClass,
                string.Join(';', e.Tags ?? []), e.Status,
            }.Select(Quote)));
        }
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
