using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.InspectionResults;

/// <summary>
/// Evidence files (检查附件): an inspector uploads the bytes, the server stores them under their SHA-256
/// (<see cref="AttachmentFiles"/>), and a result references them by hash and size; a file is downloaded by whoever may
/// read a result that references it, and by anyone once that result is published.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>
    /// Stores the raw request body as an evidence file (an inspector), up to <see cref="LedgerSettings.MaxAttachmentBytes"/>
    /// (413 beyond, nothing stored); the same bytes again answer the same hash and store nothing new.
    /// </summary>
    [WolverinePost("/api/attachments", Name = "UploadAttachment")]
    public static async Task<EvidenceAttachment> Upload(
        HttpRequest request, ClaimsPrincipal user, AttachmentFiles files, LedgerSettings settings, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("上传检查附件 / upload evidence files", Role.Inspector);
        var bytes = await BodyAsync(request, settings.MaxAttachmentBytes, cancellation);
        return bytes.Length == 0
            ? throw DomainException.Invalid("body", "附件不能为空 / an evidence file holds at least one byte")
            : await files.StoreAsync(bytes, cancellation);
    }

    /// <summary>
    /// The evidence file stored under <paramref name="sha256"/>: for a caller who may read a result referencing it
    /// (<see cref="ResultAccess"/>), or anyone when a published result's content references it; 401 otherwise without a
    /// token, 404 with one (whether such a file exists is not told).
    /// </summary>
    [AllowAnonymous]
    [ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, "application/octet-stream")]
    [WolverineGet("/api/attachments/{sha256}", Name = "DownloadAttachment")]
    public static async Task<IResult> Download(
        string sha256, ClaimsPrincipal user, AttachmentFiles files, IQuerySession session, CancellationToken cancellation)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw DomainException.Invalid("sha256", "应为64位小写十六进制SHA-256 / a SHA-256 in 64 lowercase hex digits is expected");
        }

        var reader = user.Identity?.IsAuthenticated == true ? user.ToActor() : null;
        if (!await ReadableAsync(session, files, sha256, reader, cancellation) || await files.ReadAsync(sha256, cancellation) is not { } bytes)
        {
            return reader is null
                ? Results.Challenge()
                : throw DomainException.NotFound("sha256", $"没有可查看的检查结果引用附件{sha256} / no result you may read references file {sha256}");
        }

        return Results.File(bytes, "application/octet-stream", $"{sha256}.bin");
    }

    /// <summary>
    /// Fails with 400 naming <c>result.attachments[i]</c> for the first attachment of <paramref name="content"/> not stored
    /// with that hash and size: a result never references a file nobody can download.
    /// </summary>
    public static async Task RequireStoredAsync(AttachmentFiles files, ResultContent content, CancellationToken cancellation)
    {
        var stored = await files.StoredAsync(content.Attachments, cancellation);
        for (var i = 0; i < content.Attachments.Count; i++)
        {
            if (content.Attachments[i] is var (sha256, size) && !stored.Contains(content.Attachments[i]))
            {
                throw DomainException.Invalid(
                    $"result.attachments[{i}]",
                    $"附件{sha256}（{size}字节）未上传 / file {sha256} of {size} bytes is not uploaded: POST it to /api/attachments first");
            }
        }
    }

    private static async Task<bool> ReadableAsync(
        IQuerySession session, AttachmentFiles files, string sha256, Actor? reader, CancellationToken cancellation)
    {
        foreach (var stream in await files.ReferencingStreamsAsync(sha256, cancellation))
        {
            if ((await TaskResults.LoadAsync(session, stream)).State is not { } result)
            {
                continue;
            }

            if ((result.Publication is not null && result.Content.Attachments.Any(a => a.Sha256 == sha256))
                || (reader is not null && await ResultAccess.MayReadAsync(session, reader, result)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body, refused with 413 once it exceeds <paramref name="maxBytes"/> (by its declared length, or as read).</summary>
    private static async Task<byte[]> BodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellation)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var tooLarge = new BadHttpRequestException(
            $"附件超过{maxBytes}字节的上限 / an evidence file may hold at most {maxBytes} bytes", StatusCodes.Status413PayloadTooLarge);
        if (request.ContentLength > maxBytes)
        {
            throw tooLarge;
        }

        using var body = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellation)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                throw tooLarge;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
