using FairDraw.Api.Csv;
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

    /// <summary>
    /// The rows of a file, read from its start as they are needed (one block of records at a time); a structural
    /// problem, or a header that does not name the columns, becomes a line error in <paramref name="errors"/>.
    /// </summary>
    public static IEnumerable<(int Line, EntityInput Input)> Read(Stream file, List<LineError> errors)
    {
        file.Position = 0;
        using var records = CsvRecords.Read(file, errors).GetEnumerator();
        var header = records.MoveNext();
        if (!header && errors.Count > 0)
        {
            yield break; // not UTF-8, or a quote not closed before the first record ends
        }

        var columns = CsvHeader.Map(header ? [records.Current] : [], Columns, errors);
        if (columns is null)
        {
            yield break;
        }

        var width = records.Current.Fields.Count;
        int At(string column) => columns.TryGetValue(column, out var position) ? position : -1;
        var (uscc, name, type, jurisdiction, authority, address, industry, riskClass, tags, status) = (
            At("uscc"), At("name"), At("type"), At("jurisdiction"), At("registrationAuthority"), At("address"), At("industry"),
            At("riskClass"), At("tags"), At("status"));
        while (records.MoveNext())
        {
            var (line, fields) = (records.Current.Line, records.Current.Fields);
            if (fields.Count != width)
            {
                errors.Add(new LineError(line, "", $"应有{width}列，实际{fields.Count}列 / expected {width} fields, found {fields.Count}"));
                continue;
            }

            // An absent optional column reads as null, "not given": a known entity keeps its tags and status. An empty
            // tags cell is an empty list (the entity has no tags); a blank status cell is "not given" as well.
            string? Cell(int position) => position < 0 ? null : fields[position];
            yield return (line, new EntityInput(
                Cell(uscc),
                Cell(name),
                Cell(type),
                Cell(jurisdiction),
                Cell(authority),
                Cell(address),
                Cell(industry),
                Cell(riskClass),
                Cell(tags)?.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Cell(status)));
        }
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
