using System.Net;
using System.Text.Json;
using FairDraw.Ledger.Integrity;
using FairDraw.Witness.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FairDraw.Witness.Tests;

/// <summary>Every refusal of c2sp.org/tlog-witness add-checkpoint, with its status and body; a refusal never moves the state.</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task An_old_size_other_than_the_held_one_is_409_with_the_held_size_as_text_x_tlog_size()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 4))).EnsureSuccessStatusCode();
        var held = witness.Record(log.LogOrigin);

        foreach (var old in new long[] { 0, 3, 5 })
        {
            using var response = await witness.Submit(log.Body(old, 6));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("text/x.tlog.size", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("4\n", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(held, witness.Record(log.LogOrigin));
    }

    [Fact]
    public async Task A_signed_fork_whose_proof_does_not_verify_is_422_said_loudly_and_kept_as_evidence()
    {
        using var log = new TestLog();
        using var fork = log.Fork(from: 2);
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 4))).EnsureSuccessStatusCode();
        var held = witness.Record(log.LogOrigin);
        // The forked history signed by the log's key, with its own (valid in itself) proof from size 4.
        var forged = fork.Body(4, 9);

        using var response = await witness.Submit(forged);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        await AssertProblem(response, "checkpoint");
        Assert.Equal(held, witness.Record(log.LogOrigin));
        AssertEvidence(witness, forged, held, 422);
        AssertSaidLoudly(witness, log.Root(4), fork.Root(9));
        // The honest log still extends what the witness holds.
        Assert.Equal(HttpStatusCode.OK, (await witness.Submit(log.Body(4, 9))).StatusCode);
    }

    [Fact]
    public async Task The_same_size_with_another_root_is_409_problem_details_and_kept_as_evidence()
    {
        using var log = new TestLog();
        using var fork = log.Fork(from: 5);
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 6))).EnsureSuccessStatusCode();
        var held = witness.Record(log.LogOrigin);
        var forged = fork.Body(6, 6);

        using var response = await witness.Submit(forged);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEqual("text/x.tlog.size", response.Content.Headers.ContentType!.MediaType); // not a size to retry from
        await AssertProblem(response, "checkpoint");
        Assert.Equal(held, witness.Record(log.LogOrigin));
        AssertEvidence(witness, forged, held, 409);
        AssertSaidLoudly(witness, log.Root(6), fork.Root(6));
    }

    [Fact]
    public async Task Proof_lines_where_none_can_exist_do_not_verify()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        var someHash = log.Root(1);

        using var fromEmpty = await witness.Submit(new AddCheckpointRequest(0, [someHash], log.Note(3)).Body());
        (await witness.Submit(log.Body(0, 3))).EnsureSuccessStatusCode();
        using var sameSize = await witness.Submit(new AddCheckpointRequest(3, [someHash], log.Note(3)).Body());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, fromEmpty.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameSize.StatusCode);
        Assert.Contains("\"treeSize\": 3", witness.Record(log.LogOrigin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_origin_is_404()
    {
        using var trusted = new TestLog();
        using var other = new TestLog(origin: "other.example/log");
        await using var witness = await TestWitness.Start(trusted);

        using var response = await witness.Submit(other.Body(0, 2));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertProblem(response, "checkpoint");
        Assert.Null(witness.Record(other.LogOrigin));
    }

    [Fact]
    public async Task A_checkpoint_no_trusted_key_signed_validly_is_403()
    {
        using var log = new TestLog();
        using var impostor = new TestLog(); // same origin, another key
        await using var witness = await TestWitness.Start(log);
        var note = log.Note(2);
        var signature = note.LastIndexOf(' ') + 1;
        var badSignature = note[..signature] + (note[signature] == 'A' ? 'B' : 'A') + note[(signature + 1)..];

        using var unknownKey = await witness.Submit(impostor.Body(0, 2));
        using var tampered = await witness.Submit(new AddCheckpointRequest(0, [], badSignature).Body());

        Assert.Equal(HttpStatusCode.Forbidden, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        await AssertProblem(tampered, "checkpoint");
        Assert.Null(witness.Record(log.LogOrigin));
    }

    [Theory]
    [InlineData("no empty line", "body")]
    [InlineData("old 01", "body")]
    [InlineData("proof line not a hash", "body")]
    [InlineData("note without signature", "body")]
    [InlineData("extension line", "body")]
    [InlineData("old above size", "old")]
    public async Task A_malformed_request_is_400_naming_the_field(string malformation, string field)
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        var body = malformation switch
        {
            "no empty line" => "old 0\n" + log.Note(2).Replace("\n\n", "\n", StringComparison.Ordinal),
            "old 01" => "old 01\n\n" + log.Note(2),
            "proof line not a hash" => "old 0\nAAAA\n\n" + log.Note(2),
            "note without signature" => "old 0\n\n" + log.LogOrigin + "\n2\n" + Convert.ToBase64String(log.Root(2)) + "\n",
            "extension line" => "old 0\n\n" + log.NoteOver($"{log.LogOrigin}\n2\n{Convert.ToBase64String(log.Root(2))}\nextension\n"),
            _ => new AddCheckpointRequest(3, [], log.Note(2)).Body(),
        };

        using var response = await witness.Submit(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblem(response, field);
        Assert.Null(witness.Record(log.LogOrigin));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_and_a_body_that_is_not_UTF_8_is_400()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);

        using var large = await witness.Submit("old 0\n" + new string('A', 70_000));
        using var binary = await witness.Client.PostAsync(
            new Uri("/add-checkpoint", UriKind.Relative), new ByteArrayContent([0x6f, 0x6c, 0x64, 0x20, 0xff, 0x0a]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(" / ", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private static void AssertEvidence(TestWitness witness, string request, string? held, int status)
    {
        using var evidence = JsonDocument.Parse(File.ReadAllText(Assert.Single(witness.Evidence())));
        var root = evidence.RootElement;
        Assert.Equal(request, root.GetProperty("request").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        using var record = JsonDocument.Parse(held!);
        Assert.Equal(record.RootElement.GetProperty("checkpoint").GetString(), root.GetProperty("held").GetString());
    }

    private static void AssertSaidLoudly(TestWitness witness, byte[] heldRoot, byte[] submittedRoot)
    {
        var (level, message) = Assert.Single(witness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains(Convert.ToBase64String(heldRoot), message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(submittedRoot), message, StringComparison.Ordinal);
    }
}
