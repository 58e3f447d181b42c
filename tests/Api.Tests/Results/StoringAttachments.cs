using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// Evidence files: stored by their SHA-256 (once, whoever uploads them again), referenced by results only once stored,
/// downloaded by the readers of a result that references them, and by anyone once that result is published.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class StoringAttachments(DrawHost fixture) : IAsyncLifetime
{
    private const string Address = "198.51.100.23";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_file_When_inspectors_upload_it_twice_Then_the_server_answers_its_sha256_and_size_and_stores_it_once()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var expected = new EvidenceAttachment(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);

        var first = await (await fixture.UploadAsync(bytes, fixture.InspectorToken("GY520100-0001"))).ReadAsJsonAsync<EvidenceAttachment>();
        var second = await (await fixture.UploadAsync(bytes, fixture.InspectorToken("GY520100-0002"))).ReadAsJsonAsync<EvidenceAttachment>();

        Assert.Equal((expected, expected), (first, second));
        Assert.Equal([(expected.Sha256, (long)bytes.Length)], await StoredAsync());
    }

    [Fact]
    public async Task Given_uploads_When_the_body_is_too_large_empty_or_sent_by_another_role_Then_each_is_refused_and_nothing_is_stored()
    {
        var tooLarge = await fixture.UploadAsync(
            new byte[LedgerSettings.DefaultMaxAttachmentBytes + 1], fixture.InspectorToken("GY520100-0001"), HttpStatusCode.RequestEntityTooLarge);
        var empty = await fixture.UploadAsync([], fixture.InspectorToken("GY520100-0001"), HttpStatusCode.BadRequest);
        await fixture.UploadAsync([1, 2, 3], fixture.FoodDivision, HttpStatusCode.Forbidden);
        await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray([1, 2, 3]).ToUrl("/api/attachments").ContentType("application/octet-stream");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });

        var problem = await tooLarge.ReadAsJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains(LedgerSettings.DefaultMaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("body", await empty.FieldAsync());
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Given_an_uploaded_file_When_a_result_references_another_hash_or_size_Then_recording_and_correcting_are_400_naming_the_attachment()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var token = fixture.InspectorToken(inspectors[0]);
        var before = await fixture.EventsAsync();
        var otherHash = ResultRequests.Found(inspectors) with
        {
            Attachments = [new AttachmentInput(ResultRequests.Evidence.Sha256, ResultRequests.Evidence.Size), new AttachmentInput(new string('b', 64), 10)],
        };
        var otherSize = ResultRequests.Found(inspectors) with { Attachments = [new AttachmentInput(ResultRequests.Evidence.Sha256, ResultRequests.Evidence.Size + 1)] };

        var refusals = new[]
        {
            await fixture.RecordAsync(token, new RecordResult(entity, ResultRequests.Item, otherHash), HttpStatusCode.BadRequest),
            await fixture.RecordAsync(token, new RecordResult(entity, ResultRequests.Item, otherSize), HttpStatusCode.BadRequest),
        };
        Assert.Equal(before, await fixture.EventsAsync());
        await fixture.RecordAsync(token, new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)));
        var afterRecording = await fixture.EventsAsync();
        var correction = await fixture.PostAsync(
            ResultRequests.CorrectionUrl(entity), new CorrectResult(otherSize, "补充附件 / evidence added"), token, HttpStatusCode.BadRequest);

        Assert.Equal(("result.attachments[1]", "result.attachments[0]"), (await refusals[0].FieldAsync(), await refusals[1].FieldAsync()));
        Assert.Equal("result.attachments[0]", await correction.FieldAsync());
        Assert.Equal(afterRecording, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_a_recorded_result_with_a_file_When_callers_download_it_Then_its_readers_get_the_bytes_others_do_not_and_anyone_after_publication()
    {
        var (entity, inspectors) = await fixture.RecordedAsync();
        var url = $"/api/attachments/{ResultRequests.Evidence.Sha256}";

        foreach (var reader in new[] { fixture.InspectorToken(inspectors[1]), fixture.FoodDivision, fixture.Token(Role.Auditor, "520102") })
        {
            Assert.Equal(ResultRequests.EvidenceBytes, await BytesAsync(await GetAsync(url, reader, HttpStatusCode.OK)));
        }

        foreach (var other in new[] { fixture.InspectorToken("GY520100-0099"), fixture.Token(Role.DistrictBureau, "520103"), fixture.Token(Role.Registrar) })
        {
            Assert.Equal("sha256", await (await GetAsync(url, other, HttpStatusCode.NotFound)).FieldAsync());
        }

        await GetAsync(url, null, HttpStatusCode.Unauthorized);
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        await GetAsync(url, null, HttpStatusCode.Unauthorized);
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision);

        Assert.Equal(ResultRequests.EvidenceBytes, await BytesAsync(await GetAsync(url, null, HttpStatusCode.OK)));
        Assert.Equal(ResultRequests.EvidenceBytes, await BytesAsync(await GetAsync(url, fixture.Token(Role.Registrar), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Given_a_stored_file_no_result_references_When_it_is_downloaded_Then_it_is_401_or_404_and_a_malformed_hash_is_400()
    {
        var bytes = RandomNumberGenerator.GetBytes(64);
        var url = $"/api/attachments/{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        await fixture.UploadAsync(bytes, fixture.InspectorToken("GY520100-0001"));

        await GetAsync(url, null, HttpStatusCode.Unauthorized);
        await GetAsync(url, fixture.Token(Role.Auditor), HttpStatusCode.NotFound);
        var malformed = await GetAsync("/api/attachments/ABC", fixture.Token(Role.Auditor), HttpStatusCode.BadRequest);

        Assert.Equal("sha256", await malformed.FieldAsync());
    }

    private Task<IScenarioResult> GetAsync(string url, string? token, HttpStatusCode status) => fixture.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.ConfigureHttpContext(context => context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(Address));
        if (token is not null)
        {
            s.As(token);
        }

        s.StatusCodeShouldBe(status);
    });

    private static async Task<byte[]> BytesAsync(IScenarioResult response) => Encoding.UTF8.GetBytes(await response.ReadAsTextAsync());

    /// <summary>The stored files' hashes and sizes, read as the schema's owner.</summary>
    private async Task<IReadOnlyList<(string, long)>> StoredAsync()
    {
        await using var command = fixture.Superuser.CreateCommand($"select sha256, size from {fixture.Schema}.attachment_files order by sha256");
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            stored.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return stored;
    }
}
