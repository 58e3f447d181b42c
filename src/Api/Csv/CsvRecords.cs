using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace FairDraw.Api.Csv;

/// <summary>One record of a CSV file and the line it starts on (the first line of the file is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV text (RFC 4180): UTF-8 with or without a BOM, comma-separated, fields optionally in double quotes
/// (a quote inside is doubled; line breaks are allowed inside quotes), CRLF, LF or CR line ends. Records whose fields
/// are all blank (empty lines, Excel's trailing ",,,") are skipped.
/// </summary>
/// <remarks>
/// The file is read as a stream, a block at a time, and parsed as UTF-8 bytes: every character with a meaning here is
/// ASCII, and no byte of a multi-byte UTF-8 sequence is, so fields are cut from the bytes and decoded once each. Only
/// the records of one block are held at once, so an import of a million entities never needs the whole file in memory.
/// </remarks>
public static class CsvRecords
{
    private const int DefaultBlock = 1 << 20;
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(",\r\n"u8);

    /// <summary>
    /// The records of <paramref name="file"/> (read from where it stands), in order, as they are read. A file that is
    /// not UTF-8 yields no record and one error naming its first such line; a structural error is added to
    /// <paramref name="errors"/> where it is found. <paramref name="block"/> is how much is read at a time (tests vary it).
    /// </summary>
    public static IEnumerable<CsvRecord> Read(Stream file, List<LineError> errors, int block = DefaultBlock)
    {
        var start = file.Position;
        if (FirstLineNotUtf8(file, block) is { } bad)
        {
            errors.Add(new LineError(bad, "", "文件不是UTF-8编码（Excel请另存为“CSV UTF-8”） / the file is not UTF-8 (in Excel, save as \"CSV UTF-8\")"));
            yield break;
        }

        file.Position = start;
        var buffer = new byte[block];
        var (filled, line, first) = (0, 1, true);
        var values = new ColumnValues();
        var records = new List<CsvRecord>();
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one record longer than a block
            }

            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var final = read == 0;
            if (first)
            {
                if (filled < Encoding.UTF8.Preamble.Length && !final)
                {
                    continue; // too few bytes yet to tell a byte order mark
                }

                first = false;
                if (buffer.AsSpan(0, filled).StartsWith(Encoding.UTF8.Preamble))
                {
                    filled -= Encoding.UTF8.Preamble.Length;
                    buffer.AsSpan(Encoding.UTF8.Preamble.Length, filled).CopyTo(buffer);
                }
            }

            var consumed = Parse(buffer.AsSpan(0, filled), final, ref line, values, records, errors);
            foreach (var record in records)
            {
                yield return record;
            }

            records.Clear();
            if (final || line < 0)
            {
                yield break;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }

    /// <summary>The first line (1-based) that is not valid UTF-8, or null; reads the stream to its end.</summary>
    private static int? FirstLineNotUtf8(Stream file, int block)
    {
        var buffer = new byte[block];
        var (filled, line) = (0, 1);
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one line longer than a block
            }

            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;

            // Whole lines only, so that a multi-byte sequence cut by the read is checked once complete.
            var checkedUpTo = read == 0 ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            foreach (var bytes in buffer.AsSpan(0, checkedUpTo).Split((byte)'\n'))
            {
                if (!Utf8.IsValid(buffer.AsSpan(0, checkedUpTo)[bytes]))
                {
                    return line;
                }

                line++;
            }

            line--; // Split yields one more range than there are line ends
            if (read == 0)
            {
                return null;
            }

            buffer.AsSpan(checkedUpTo, filled - checkedUpTo).CopyTo(buffer);
            filled -= checkedUpTo;
        }
    }

    /// <summary>
    /// Parses the records of <paramref name="text"/>, which starts at a record on line <paramref name="line"/>, into
    /// <paramref name="records"/>, and answers how many bytes they took. Unless the text is the file's
    /// <paramref name="final"/> part, a record it does not hold to its end is left for the next call (with the errors
    /// found in it), and <paramref name="line"/> becomes that record's line; after an unclosed quote it becomes −1.
    /// </summary>
    private static int Parse(ReadOnlySpan<byte> text, bool final, ref int line, ColumnValues values, List<CsvRecord> records, List<LineError> errors)
    {
        var fields = new List<string>();
        var quotedField = new ArrayBufferWriter<byte>();
        var (recordLine, recordStart, recordErrors, i) = (line, 0, errors.Count, 0);
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
                    if (quote < 0 || (!final && i + quote + 1 == text.Length))
                    {
                        // Not closed in this text, or the quote could be the first of a doubled one.
                        return Incomplete(ref line);
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
                if (!final && MayGoOn(text, end))
                {
                    return Incomplete(ref line);
                }

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
                if (!final && MayGoOn(text, end))
                {
                    return Incomplete(ref line);
                }

                field = values.Get(fields.Count, text[i..end]);
                i = end;
            }

            fields.Add(field);
            if (i == text.Length)
            {
                EndRecord();
                return i;
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
            (recordLine, recordStart, recordErrors) = (line, i, errors.Count);
        }

        void EndRecord()
        {
            if (fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }

        int Incomplete(ref int line)
        {
            if (final)
            {
                errors.Add(new LineError(recordLine, "", "引号未闭合 / a quoted field is not closed"));
                line = -1;
                return 0;
            }

            errors.RemoveRange(recordErrors, errors.Count - recordErrors);
            line = recordLine;
            return recordStart;
        }
    }

    /// <summary>Whether a field ending at <paramref name="end"/> may go on in the next block: it ends the text, or its CR may start a CRLF.</summary>
    private static bool MayGoOn(ReadOnlySpan<byte> text, int end) =>
        end == text.Length || (text[end] == (byte)'\r' && end + 1 == text.Length);

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
