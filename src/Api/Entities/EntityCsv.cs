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
        var rows = new List<(int, EntityInput)>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != width)
            {
                errors.Add(new LineError(record.Line, "", $"应有{width}列，实际{record.Fields.Count}列 / expected {width} fields, found {record.Fields.Count}"));
                continue;
            }

            string? Cell(string column) => columns.TryGetValue(column, out var position) ? record.Fields[position] : null;
            rows.Add((record.Line, new EntityInput(
                Cell("uscc"),
                Cell("name"),
                Cell("type"),
                Cell("jurisdiction"),
                Cell("registrationAuthority"),
                Cell("address"),
                Cell("industry"),
                Cell("riskClass"),
                Cell("tags")?.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Cell("status"))));
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
