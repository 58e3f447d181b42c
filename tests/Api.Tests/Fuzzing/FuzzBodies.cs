using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace FairDraw.Api.Tests.Fuzzing;

/// <summary>
/// Request bodies grown from a valid one: its members kept, spoiled, replaced by a value of another type, dropped,
/// given twice or joined by unknown ones; now and then a body that is random JSON, or not JSON at all. CSV files are
/// grown the same way, cell by cell, with broken quoting, ragged rows, other line ends and bytes that are not UTF-8.
/// </summary>
public static class FuzzBodies
{
    /// <summary>JSON bodies from <paramref name="valid"/> (null: an endpoint without a body, fuzzed with random JSON).</summary>
    public static Gen<byte[]> Json(JsonNode? valid)
    {
        var text = valid?.ToJsonString() ?? "{}";
        return Gen.Frequency(
            (8, Mutated(valid, 3)),
            (1, FuzzText.Value(3)),
            (1, Gen.Int[0, text.Length].Select(cut => text[..cut])))
            .Select(json => Encoding.UTF8.GetBytes(json));
    }

    private static Gen<string> Mutated(JsonNode? node, int depth) => node switch
    {
        JsonObject members => MutatedObject(members, depth),
        JsonArray items => Gen.Frequency(
            (4, FuzzText.Each(items.Select(item => Mutated(item, depth - 1)))
                .SelectMany(kept => FuzzText.Value(1).Array[0, 2].Select(extra => $"[{string.Join(',', kept.Concat(extra))}]"))),
            (1, FuzzText.Value(depth))),
        JsonValue value when value.TryGetValue(out string? text) => Gen.Frequency(
            (3, Gen.Const(FuzzText.Quote(text))),
            (3, FuzzText.Spoiled(text).Select(FuzzText.Quote)),
            (2, FuzzText.Text.Select(FuzzText.Quote)),
            (1, FuzzText.Value(1))),
        JsonValue value => Gen.Frequency((3, Gen.Const(value.ToJsonString())), (2, FuzzText.Number), (1, FuzzText.Value(1))),
        _ => Gen.Frequency((1, Gen.Const("null")), (1, FuzzText.Value(1))),
    };

    private static Gen<string> MutatedObject(JsonObject members, int depth)
    {
        var names = members.Select(member => member.Key).ToArray();
        var kept = members.Select(member =>
        {
            var name = FuzzText.Quote(member.Key);
            var value = Mutated(member.Value, depth - 1);
            return Gen.Frequency(
                (8, value.Select(v => $"{name}:{v}")),
                (1, Gen.Const("")),
                (1, Gen.Select(value, value, (first, second) => $"{name}:{first},{name}:{second}")));
        });
        var memberName = names.Length == 0 ? FuzzText.Text : Gen.Frequency((1, Gen.OneOf(names)), (1, FuzzText.Text));
        var extra = Gen.Select(memberName, FuzzText.Value(Math.Max(depth - 1, 0)), (name, value) => $"{FuzzText.Quote(name)}:{value}").Array[0, 2];
        return Gen.Select(FuzzText.Each(kept), extra, (parts, added) => $"{{{string.Join(',', parts.Concat(added).Where(part => part.Length > 0))}}}");
    }

    /// <summary>CSV files from <paramref name="valid"/> (a header and rows without quoting).</summary>
    public static Gen<byte[]> Csv(string valid)
    {
        var rows = valid.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split(',')).ToArray();
        var cell = (string original) => Gen.Frequency(
            (10, Gen.Const(original)),
            (4, FuzzText.Spoiled(original)),
            (1, FuzzText.Text),
            (1, Gen.Const("")));
        var written = (string value) => Gen.Frequency(
            (4, Gen.Const(value)),
            (1, Gen.Const($"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")),
            (1, Gen.Const($"\"{value}")));
        var row = (string[] cells) => FuzzText.Each(cells.Select(original => cell(original).SelectMany(written)))
            .SelectMany(parts => Gen.Frequency(
                (8, Gen.Const(parts)),
                (1, Gen.Const(parts[..^1])),
                (1, Gen.Const(parts.Append("多余").ToArray()))))
            .Select(parts => string.Join(',', parts));
        var header = Gen.Frequency((6, Gen.Const(string.Join(',', rows[0]))), (1, row(rows[0])));
        var body = rows.Skip(1).Select(row).ToArray();
        return Gen.Select(
            header,
            FuzzText.Each(body).SelectMany(lines => Gen.Int[1, 3].Select(copies => Enumerable.Repeat(lines, copies).SelectMany(l => l))),
            Gen.OneOf("\n", "\r\n", "\r"),
            Gen.Frequency((6, Gen.Const(Array.Empty<byte>())), (1, Gen.Const(new byte[] { 0xEF, 0xBB, 0xBF })), (1, Gen.Const(new byte[] { 0xC3, 0x28, 0xFF }))),
            (first, lines, end, prefix) => prefix.Concat(Encoding.UTF8.GetBytes(string.Join(end, lines.Prepend(first)) + end)).ToArray());
    }
}
