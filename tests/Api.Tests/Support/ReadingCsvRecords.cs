using System.Globalization;
using System.Text;
using FairDraw.Api.Csv;

namespace FairDraw.Api.Tests.Support;

/// <summary>The RFC 4180 reader every import shares, on its own: fields, the physical line each record starts on, and each structural error's line.</summary>
public sealed class ReadingCsvRecords
{
    private const string NotClosed = "引号未闭合 / a quoted field is not closed";
    private const string AfterQuote = "引号结束后应为逗号或换行 / a closing quote must be followed by a comma or a line end";

    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\nc,d")]
    [InlineData("\uFEFFa,b\r\nc,d")]
    public void Line_ends_and_a_byte_order_mark_do_not_change_the_records(string text)
    {
        var records = Read(text, out var errors);

        Assert.Empty(errors);
        Assert.Equal([(1, "a|b"), (2, "c|d")], Summary(records));
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_later_records_keep_their_physical_lines()
    {
        var records = Read("\"a,1\",\"say \"\"hi\"\"\",\"two\r\nlines\nand three\"\n\"\",x\n名称,\"贵阳市\"\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal([(1, "a,1|say \"hi\"|two\r\nlines\nand three"), (4, "|x"), (5, "名称|贵阳市")], Summary(records));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_kept_as_written()
    {
        var records = Read("ab\"c,\"\"\"\",d\"\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal([(1, "ab\"c|\"|d\"")], Summary(records));
    }

    [Fact]
    public void Blank_records_are_skipped_but_counted_as_lines()
    {
        var records = Read("a,b\n\n , \n,,\r\nc,\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal([(1, "a|b"), (5, "c|")], Summary(records));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_on_its_line_and_kept_in_the_field()
    {
        var records = Read("a,b\n\"x\ny\"z\"w,c\nd,e\n", out var errors);

        Assert.Equal([new LineError(3, "", AfterQuote)], errors);
        Assert.Equal([(1, "a|b"), (2, "x\nyz\"w|c"), (4, "d|e")], Summary(records));
    }

    [Fact]
    public void An_unclosed_quote_is_blamed_on_the_line_its_record_starts_and_drops_that_record()
    {
        var records = Read("a,b\nc,\"d\ne\nf\n", out var errors);

        Assert.Equal([new LineError(2, "", NotClosed)], errors);
        Assert.Equal([(1, "a|b")], Summary(records));
    }

    [Fact]
    public void A_column_of_few_values_shares_their_strings_and_a_column_of_many_is_still_read_exactly()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"code-{i},{(i % 2 == 0 ? "存续" : "注销")}\n");
        }

        var records = Read(text.ToString(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"code-{i}"), records.Select(r => r.Fields[0]));
        Assert.Equal(2, records.Select(r => r.Fields[1]).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_named_and_nothing_is_read()
    {
        var errors = new List<LineError>();
        byte[] file = [.. Encoding.UTF8.GetBytes("a,b\r\nc,d\r\n"), 0xB9, 0xF3, 0xD1, 0xF4, (byte)'\r', (byte)'\n'];

        Assert.Empty(CsvRecords.Read(new MemoryStream(file), errors));
        Assert.Equal(3, Assert.Single(errors).Line);
    }

    [Theory]
    [InlineData("\uFEFFa,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r\r\ne,f")]
    [InlineData("\"a,1\",\"say \"\"hi\"\"\",\"two\r\nlines\nand three\"\n\"\",x\n名称,\"贵阳市\"\n")]
    [InlineData("ab\"c,\"\"\"\",d\"\n")]
    [InlineData("a,b\n\n , \n,,\r\nc,\n")]
    [InlineData("a,b\n\"x\ny\"z\"w,c\nd,e\n")]
    [InlineData("a,b\nc,\"d\ne\nf\n")]
    [InlineData("贵阳,\"南明\"\"区\"\"\",云岩\r\n花溪,乌当\n")]
    public void Reading_block_by_block_gives_the_records_and_errors_of_reading_at_once(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var whole = Summary(Read(bytes, bytes.Length + 1, out var wholeErrors));
        for (var block = 1; block <= bytes.Length; block++)
        {
            Assert.Equal(whole, Summary(Read(bytes, block, out var errors)));
            Assert.Equal(wholeErrors, errors);
        }
    }

    [Fact]
    public void A_file_is_read_as_its_records_are_taken_not_whole_beforehand()
    {
        // 200,000 records of ~60 bytes (12 MB) behind a stream that counts what has been read past the UTF-8 check.
        var line = Encoding.UTF8.GetBytes("91520102MA6DKX0100,示例名称,企业,520102,南明区,示例路1号\n");
        var file = new CountingStream(new MemoryStream([.. Enumerable.Range(0, 200_000).SelectMany(_ => line)]));
        var errors = new List<LineError>();

        using var records = CsvRecords.Read(file, errors).GetEnumerator();
        Assert.True(records.MoveNext());
        var afterFirst = file.ReadSinceRewind;
        var count = 1;
        while (records.MoveNext())
        {
            count++;
        }

        Assert.Empty(errors);
        Assert.Equal(200_000, count);
        Assert.True(afterFirst <= 2 << 20, $"{afterFirst:N0} bytes were read before the first record was returned");
        Assert.Equal(file.Length, file.ReadSinceRewind);
    }

    private static IReadOnlyList<CsvRecord> Read(string text, out List<LineError> errors)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Read(bytes, bytes.Length + 1, out errors);
    }

    private static IReadOnlyList<CsvRecord> Read(byte[] bytes, int block, out List<LineError> errors)
    {
        errors = [];
        return [.. CsvRecords.Read(new MemoryStream(bytes), errors, block)];
    }

    /// <summary>A stream that counts the bytes read since its position was last set back to the start.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long ReadSinceRewind { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set
            {
                inner.Position = value;
                ReadSinceRewind = value == 0 ? 0 : ReadSinceRewind;
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            ReadSinceRewind += read;
            return read;
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static IEnumerable<(int Line, string Fields)> Summary(IReadOnlyList<CsvRecord> records) =>
        records.Select(r => (r.Line, string.Join('|', r.Fields)));
}
