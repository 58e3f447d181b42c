using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Duty;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>
/// <see cref="DutyCanonical.Parse"/> reads an event's members from its canonical bytes in one pass: the payload is the
/// very bytes inside them, and bytes that are not one whole object with every member are refused.
/// </summary>
public sealed class ReadingCanonicalBytes
{
    private const string Event =
        """{"actor":"u-1","data":{"Note":"检查\"A\"","Round":1},"prev":"00","stream":"task:T01","time":"2021-07-01T00:00:00Z","type":"draw_executed","version":3}""";

    [Fact]
    public void The_members_are_read_and_the_payload_is_its_own_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Event);

        var read = DutyCanonical.Parse(7, 6, bytes);

        Assert.Equal(("task:T01", 3L, "draw_executed", "u-1", "2021-07-01T00:00:00Z", "00"), (read.Stream, read.Version, read.Type, read.Actor, read.Time, read.Prev));
        Assert.Equal("""{"Note":"检查\"A\"","Round":1}""", Encoding.UTF8.GetString(read.Data.Span));
        Assert.Equal(1, read.Decode((_, payload) => JsonDocument.Parse(payload.ToArray()).RootElement.GetProperty("Round").GetInt32()).Data);
    }

    [Theory]
    [InlineData("""{"actor":"u-1","prev":"00","stream":"s","time":"t","type":"x","version":1}""", typeof(KeyNotFoundException))]
    [InlineData("""{"actor":"u-1","data":{},"prev":"00","stream":"s","time":"t","type":"x","version":"1"}""", typeof(InvalidOperationException))]
    [InlineData("""{"actor":"u-1","data":{},"prev":"00","stream":"s","time":"t","type":"x","version":1} {}""", typeof(JsonException))]
    [InlineData("""[1]""", typeof(JsonException))]
    [InlineData("""{"actor":"u-1","data":{"a":""", typeof(JsonException))]
    public void Bytes_missing_a_member_or_not_one_whole_object_are_refused(string text, Type refusal)
    {
        var error = Record.Exception(() => DutyCanonical.Parse(1, 0, Encoding.UTF8.GetBytes(text)));

        Assert.IsAssignableFrom(refusal, error);
    }
}
