using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Access;

namespace FairDraw.Api.Tests.Uploads;

/// <summary>
/// Every endpoint keeps the server's request body limit except the two imports, which take files up to the import
/// limit; a body over its limit is refused with 413 problem details. Requests send "Expect: 100-continue", so a refused
/// body is never sent.
/// </summary>
[Collection(nameof(KestrelCollection))]
public sealed class UploadingLargeBodies(KestrelHost fixture)
{
    private const string EntityImport = "/api/entities/import";
    private const string ItemListImport = "/api/item-lists/import?jurisdiction=520100&version=2021版&title=清单";

    private async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(string url, HttpContent content, Role role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(role));
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Client.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, problem.RootElement.Clone());
    }

    /// <summary>A CSV file of about <paramref name="bytes"/> bytes whose header names no known column (rejected at line 1).</summary>
    private static ByteArrayContent Csv(long bytes)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("no such column\n" + string.Concat(Enumerable.Repeat("x\n", (int)(bytes / 2)))));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static Role Importer(string url) => url == EntityImport ? Role.Registrar : Role.CreditOffice;

    [Fact]
    public async Task An_oversized_body_to_any_other_endpoint_is_refused_with_413()
    {
        var json = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', (int)KestrelHost.ServerLimit) + "\"}"));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var (status, problem) = await PostAsync("/api/entities", json, Role.Registrar);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, 413), (status, problem.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData(EntityImport)]
    [InlineData(ItemListImport)]
    public async Task An_import_reads_a_file_larger_than_the_server_limit(string url)
    {
        var (status, problem) = await PostAsync(url, Csv(2 * KestrelHost.ServerLimit), Importer(url));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task An_import_reads_a_multipart_upload_larger_than_the_server_limit()
    {
        var form = new MultipartFormDataContent { { Csv(2 * KestrelHost.ServerLimit), "file", "large.csv" } };
        var (status, problem) = await PostAsync(EntityImport, form, Role.Registrar);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData(EntityImport)]
    [InlineData(ItemListImport)]
    public async Task A_file_over_the_import_limit_is_refused_with_413_problem_details(string url)
    {
        var (status, problem) = await PostAsync(url, Csv(KestrelHost.ImportLimit + 1024), Importer(url));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, 413), (status, problem.GetProperty("status").GetInt32()));
        Assert.Contains("request body too large", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(KestrelHost.ImportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
