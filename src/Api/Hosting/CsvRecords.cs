using System.Text;
using System.Text.Unicode;

namespace FairDraw.Api.Hosting;

/// <summary>One record of a CSV file and the line it starts on (the first line of the file is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV text (RFC 4180): UTF-8 with or without a BOM, comma-separated, fields optionally in double quotes
/// (a quote inside is doubled; line breaks are allowed inside quotes), CRLF or LF line ends. Records whose fields are
/// all blank (empty lines, Excel's trailing ",,,") are skipped.
/// </summary>
public static class CsvRecords
{
    public static IReadOnlyList<CsvRecord> Read(byte[] file, List<LineError> errors)
    {
        var line = 1;
        foreach (var bytes in file.AsSpan().Split((byte)'\n'))
        {
            if (!Utf8.IsValid(file.AsSpan()[bytes]))
            {
                errors.Add(new LineError(line, "", "文件不是UTF-8编码（Excel请另存为“CSV UTF-8”） / the file is not UTF-8 (in Excel, save as \"CSV UTF-8\")"));
                return [];
            }

            line++;
        }

        var text = Encoding.UTF8.GetString(file);
        return Parse(text.StartsWith('\uFEFF') ? text[1..] : text, errors);
    }

    private static List<CsvRecord> Parse(string text, List<LineError> errors)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted, afterQuote) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    (quoted, afterQuote) = (false, true);
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                (field, afterQuote) = (field.Clear(), false);
            }
            else if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                EndRecord();
                line++;
                recordLine = line;
            }
            else if (c != '\r')
            {
                if (afterQuote)
                {
                    errors.Add(new LineError(line, "", "引号结束后应为逗号或换行 / a closing quote must be followed by a comma or a line end"));
                    afterQuote = false;
                }

                field.Append(c);
            }
        }

        if (quoted)
        {
            errors.Add(new LineError(recordLine, "", "引号未闭合 / a quoted field is not closed"));
        }
        else
        {
            EndRecord();
        }

        return records;

        void EndRecord()
        {
            fields.Add(field.ToString());
            if (fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
            (field, afterQuote) = (field.Clear(), false);
        }
    }
}
