using System.Text;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Entities;
using Sylvan.Data.Csv;

namespace FairDraw.Api.Entities;

/// <summary>
/// The entity directory's CSV format (docs/entity-import-format.md): UTF-8 (a BOM is tolerated), a header row naming
/// the columns in any order, one entity per record. Tags are separated by ';'. Line numbers count the header as line 1.
/// </summary>
public static class EntityCsv
{
    public static readonly string[] RequiredColumns =
        ["uscc", "name", "type", "jurisdiction", "registration_authority", "address", "industry", "risk_class"];

    public static readonly string[] OptionalColumns = ["tags", "status"];

    public static readonly string[] AllColumns = [.. RequiredColumns, .. OptionalColumns];

    /// <summary>Reads every record of <paramref name="csv"/>; structural problems become line errors.</summary>
    public static (IReadOnlyList<(int Line, EntityInput Input)> Rows, IReadOnlyList<LineError> Errors) Read(Stream csv)
    {
        using var text = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        }
        catch (CsvMissingHeadersException)
        {
            return ([], [new LineError(1, "header", "文件为空，缺少表头 / the file is empty: no header row")]);
        }
        catch (DecoderFallbackException)
        {
            return ([], [new LineError(1, "header", "文件不是有效的UTF-8编码 / the file is not valid UTF-8")]);
        }

        using var disposeReader = reader;

        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim()).ToList();
        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        var unknown = columns.Where(c => !AllColumns.Contains(c)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var reason = $"表头缺少列：{string.Join(",", missing)}；未知列：{string.Join(",", unknown)} / header misses: {string.Join(",", missing)}; unknown: {string.Join(",", unknown)}";
            return ([], [new LineError(1, "header", reason)]);
        }

        int Column(string name) => columns.IndexOf(name);
        var (uscc, name, type, jurisdiction, authority, address, industry, risk, tags, status) = (
            Column("uscc"), Column("name"), Column("type"), Column("jurisdiction"), Column("registration_authority"),
            Column("address"), Column("industry"), Column("risk_class"), Column("tags"), Column("status"));

        var rows = new List<(int, EntityInput)>();
        var errors = new List<LineError>();
        var line = 1;
        try
        {
            while (reader.Read())
            {
                line++;
                if (reader.RowFieldCount != columns.Count)
                {
                    errors.Add(new LineError(line, "", $"应有{columns.Count}列，实际{reader.RowFieldCount}列 / expected {columns.Count} fields, found {reader.RowFieldCount}"));
                    continue;
                }

                string? Field(int ordinal) => ordinal < 0 ? null : reader.GetString(ordinal);
                rows.Add((line, new EntityInput(
                    Field(uscc),
                    Field(name),
                    Field(type),
                    Field(jurisdiction),
                    Field(authority),
                    Field(address),
                    Field(industry),
                    Field(risk),
                    Field(tags)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Field(status))));
            }
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new LineError(line + 1, "", "文件不是有效的UTF-8编码 / the file is not valid UTF-8"));
        }
        catch (CsvFormatException format)
        {
            errors.Add(new LineError(line + 1, "", $"CSV格式错误 / malformed CSV: {format.Message}"));
        }

        return (rows, errors);
    }

    /// <summary>Writes entities in this format (used by the demo generator and benchmarks).</summary>
    public static void Write(TextWriter writer, IEnumerable<EntityInput> entities)
    {
        writer.WriteLine(string.Join(',', AllColumns));
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
