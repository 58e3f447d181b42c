namespace FairDraw.Api.Csv;

/// <summary>A column of an import file: its English name (also the field in error reports) and its Chinese label.</summary>
public sealed record CsvColumn(string Name, string Label, bool Required = true);

public static class CsvHeader
{
    /// <summary>
    /// Maps each column of line 1 to its position. Headers are the English names (any case) or the Chinese labels, in
    /// any order; unknown, repeated and missing required columns are line-1 errors (and the result is null).
    /// </summary>
    public static Dictionary<string, int>? Map(IReadOnlyList<CsvRecord> records, IReadOnlyList<CsvColumn> columns, List<LineError> errors)
    {
        if (records.Count == 0 || records[0].Line != 1)
        {
            errors.Add(new LineError(1, "", "第1行应为表头 / line 1 must be the header row"));
            return null;
        }

        var found = errors.Count;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = records[0].Fields;
        for (var i = 0; i < header.Count; i++)
        {
            var text = header[i].Trim();
            var column = columns.FirstOrDefault(c => c.Name.Equals(text, StringComparison.OrdinalIgnoreCase) || c.Label == text)?.Name;
            if (column is null)
            {
                errors.Add(new LineError(1, text, $"未知列“{text}” / unknown column '{text}'"));
            }
            else if (!positions.TryAdd(column, i))
            {
                errors.Add(new LineError(1, column, $"列“{text}”重复 / column '{text}' appears twice"));
            }
        }

        foreach (var missing in columns.Where(c => c.Required && !positions.ContainsKey(c.Name)))
        {
            errors.Add(new LineError(1, missing.Name, $"缺少列“{missing.Label}”（{missing.Name}） / column {missing.Name} ({missing.Label}) is missing"));
        }

        return errors.Count == found ? positions : null;
    }
}
