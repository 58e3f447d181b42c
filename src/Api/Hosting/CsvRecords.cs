using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace FairDraw.Api.Hosting;

/// <summary>One record of a CSV file and the line it starts on (the first line of the file is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV text (RFC 4180): UTF-8 with or without a BOM, comma-separated, fields optionally in double quotes
/// (a quote inside is doubled; line breaks are allowed inside quotes), CRLF, LF or CR line ends. Records whose fields
/// are all blank (empty lines, Excel's trailing ",,,") are skipped.
/// </summary>
/// <remarks>
/// The file is parsed as UTF-8 bytes: every character with a meaning here is ASCII, and no byte of a multi-byte UTF-8
/// sequence is, so fields are cut from the bytes and decoded once each (an import of a million entities would
/// otherwise build a string of the whole file and each field character by character).
/// </remarks>
public static class CsvRecords
{
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(",\r\n"u8);

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

        var text = file.AsSpan();
        return Parse(text.StartsWith(Encoding.UTF8.Preamble) ? text[Encoding.UTF8.Preamble.Length..] : text, errors);
    }

    private static List<CsvRecord> Parse(ReadOnlySpan<byte> text, List<LineError> errors)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var quotedField = new ArrayBufferWriter<byte>();
        var values = new ColumnValues();
        var (line, recordLine, i) = (1, 1, 0);
        while (true)
        {
            // At the start of a field.
            string field;
            if (i < text.Length && text[i] == (byte)'"')
            {
                quotedField.ResetWrittenCount();
                i++;
                while (true)
                {
                    var quote = text[i..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        errors.Add(new LineError(recordLine, "", "引号未闭合 / a quoted field is not closed"));
                        return records;
                    }

                    var part = text.Slice(i, quote);
                    line += part.Count((byte)'\n');
                    quotedField.Write(part);
                    i += quote + 1;
                    if (i < text.Length && text[i] == (byte)'"')
                    {
                        quotedField.Write("\""u8);
                        i++;
                        continue;
                    }

                    break;
                }

                var end = FieldEnd(text, i);
                if (end > i)
                {
                    // Kept in the field as written, so the record still has its columns for the other errors.
                    errors.Add(new LineError(line, "", "引号结束后应为逗号或换行 / a closing quote must be followed by a comma or a line end"));
                    quotedField.Write(text[i..end]);
                }

                field = Encoding.UTF8.GetString(quotedField.WrittenSpan);
                i = end;
            }
            else
            {
                var end = FieldEnd(text, i);
                field = values.Get(fields.Count, text[i..end]);
                i = end;
            }

            fields.Add(field);
            if (i == text.Length)
            {
                EndRecord();
                return records;
            }

            if (text[i] == (byte)',')
            {
                i++;
                continue;
            }

            // A line end: LF, CRLF or a lone CR.
            i += text[i] == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n' ? 2 : 1;
            EndRecord();
            line++;
            recordLine = line;
        }

        void EndRecord()
        {
            if (fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }
    }

    /// <summary>
    /// One string per distinct value of a column with few distinct values (a type, a division code, a status): a
    /// million-row import would otherwise hold millions of copies of the same few strings. A column stops being shared
    /// once it has shown more than <see cref="MaxShared"/> distinct values (codes, names, addresses).
    /// </summary>
    private sealed class ColumnValues
    {
        private const int MaxShared = 1024;
        private const int MaxLength = 64;
        private readonly List<Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?> columns = [];
        private readonly char[] chars = new char[MaxLength];

        public string Get(int column, ReadOnlySpan<byte> utf8)
        {
            while (columns.Count <= column)
            {
                columns.Add(new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
            }

            if (columns[column] is not { } shared || utf8.Length > MaxLength)
            {
                return Encoding.UTF8.GetString(utf8);
            }

            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
            if (shared.TryGetValue(text, out var value))
            {
                return value;
            }

            value = new string(text);
            if (shared.Dictionary.Count < MaxShared)
            {
                shared.Dictionary.Add(value, value);
            }
            else
            {
                columns[column] = null;
            }

            return value;
        }
    }

    /// <summary>Where the field starting at <paramref name="start"/> ends: the next comma or line break, or the end of the text.</summary>
    private static int FieldEnd(ReadOnlySpan<byte> text, int start)
    {
        var end = text[start..].IndexOfAny(FieldEnds);
        return end < 0 ? text.Length : start + end;
    }
}
