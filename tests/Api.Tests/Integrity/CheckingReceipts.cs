using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

[Collection(nameof(IntegrityCollection))]
public sealed class CheckingReceipts(IntegrityHost fixture) : IAsyncLifetime
{
    private static readonly string Stream = StreamKeys.Entity(DemoEntities.Generate(1).Single().Uscc!);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string TrustedKey => fixture.Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();

    private async Task<Receipt> ReceiptAsync(long sequence)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/ledger/receipts/{sequence}");
            s.As(fixture.Token(Role.Auditor)); // an entity's events are not public
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<Receipt>())!;
    }

    [Fact]
    public async Task A_receipt_verifies_offline_and_fails_once_altered()
    {
        var sequence = await fixture.SequenceOfAsync(Stream, 2);
        var receipt = await ReceiptAsync(sequence);

        Assert.Null(receipt.Verify(TrustedKey).Failure);
        Assert.Equal((Stream, 2L), (receipt.StreamKey, receipt.Version));
        Assert.Contains("\"type\":\"entity_details_updated\"", receipt.Canonical, StringComparison.Ordinal);

        var altered = receipt with { Canonical = receipt.Canonical.Replace("（更名）", "（改名）", StringComparison.Ordinal) };
        Assert.StartsWith("inclusion", altered.Verify(TrustedKey).Failure, StringComparison.Ordinal);
        Assert.StartsWith("checkpoint signature", receipt.Verify(OtherKey()).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_for_an_event_modified_in_the_database_fails()
    {
        var sequence = await fixture.SequenceOfAsync(Stream, 2);
        await fixture.TamperAsync($"update {{s}}.mt_events set data = jsonb_set(data, '{{Address}}', '\"别处\"') where seq_id = {sequence}");

        var receipt = await ReceiptAsync(sequence);
        Assert.StartsWith("inclusion", receipt.Verify(TrustedKey).Failure, StringComparison.Ordinal);
    }

    private static string OtherKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return new CheckpointSigner(key, "fair-draw-ledger.local/test_integrity").PublicKeyText();
    }
}
