using System.Text;
using System.Text.Json;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The adjustment records of docs/draw-vectors.json (quoted in docs/draw-protocol.md §12.1) are byte for byte what the
/// ledger's own serializer writes as an event's data: read back into the event and written again, then JCS.
/// </summary>
public sealed class WritingAdjustmentRecords
{
    [Fact]
    public void The_vectors_adjustment_records_are_what_the_ledger_serializer_writes()
    {
        var options = new StoreOptions();
        using var unused = NpgsqlDataSource.Create("Host=127.0.0.1;Database=never-opened");
        LedgerStoreOptions.Configure(options, unused, "never_opened");
        var serializer = options.Serializer();
        using var vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "draw-vectors.json")));
        var records = vectors.RootElement.GetProperty("vectors").EnumerateArray()
            .SelectMany(vector => vector.TryGetProperty("adjustments", out var adjustments) ? adjustments.EnumerateArray() : [])
            .Select(adjustment => (Kind: adjustment.GetProperty("kind").GetString(), Record: adjustment.GetProperty("record").GetString()!))
            .ToList();

        Assert.Equal([DrawAdjustment.Substitution, DrawAdjustment.Reassignment, DrawAdjustment.Reassignment], records.Select(record => record.Kind));
        foreach (var (kind, record) in records)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(record));
            var type = kind == DrawAdjustment.Substitution ? typeof(EntitySubstituted) : typeof(InspectorReassigned);
            var written = serializer.ToJson(serializer.FromJson(type, stream));
            Assert.Equal(record, Encoding.UTF8.GetString(Jcs.CanonicalizeLedgerPayload(Encoding.UTF8.GetBytes(written))));
        }
    }
}
