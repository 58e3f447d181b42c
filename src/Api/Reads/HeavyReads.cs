using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;

namespace FairDraw.Api.Reads;

/// <summary>
/// Limits for the heavy public reads — those that recompute a draw round (its verification and evidence bundle) and
/// the ledger proofs (receipts, consistency proofs), which read the log's leaves: an
/// anonymous caller (by address) gets <paramref name="PermitLimit"/> of them per <paramref name="Window"/>
/// (<c>Ledger:HeavyReads:PermitLimit</c>, <c>Ledger:HeavyReads:WindowSeconds</c>), callers with a token are not
/// limited; the computed answers are kept in up to <paramref name="CacheBytes"/> of memory
/// (<c>Ledger:HeavyReads:CacheBytes</c>).
/// </summary>
public sealed record HeavyReadSettings(int PermitLimit, TimeSpan Window, long CacheBytes)
{
    /// <summary>The rate limiting policy of the heavy public reads (<c>[EnableRateLimiting(HeavyReadSettings.Policy)]</c>).</summary>
    public const string Policy = "anonymous-heavy-reads";

    public static HeavyReadSettings From(IConfiguration configuration) => new(
        (int)Positive(configuration, "Ledger:HeavyReads:PermitLimit", 30),
        TimeSpan.FromSeconds(Positive(configuration, "Ledger:HeavyReads:WindowSeconds", 60)),
        Positive(configuration, "Ledger:HeavyReads:CacheBytes", 256L * 1024 * 1024));

    private static long Positive(IConfiguration configuration, string key, long fallback) =>
        configuration.GetValue<long?>(key) is { } value
            ? value > 0 ? value : throw new InvalidOperationException($"{key} must be positive, got {value}")
            : fallback;
}

public static class HeavyReads
{
    /// <summary>
    /// The rate limiter (429 as problem details, with Retry-After) and response compression (brotli, gzip). Compression
    /// is safe over HTTPS too: no response carries a secret beside a caller's input (tokens travel in headers only).
    /// </summary>
    public static IServiceCollection AddHeavyReads(this IServiceCollection services, HeavyReadSettings settings)
    {
        services.AddSingleton(settings);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Distinct partition keys: a partition is made once per key, so if token holders shared a key with callers
            // without an address, whichever came first would decide the other's limit (token holders got 429).
            limiter.AddPolicy(HeavyReadSettings.Policy, context => context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("token holders")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "address " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window }));
            limiter.OnRejected = (rejected, _) => RefuseAsync(rejected, settings);
        });
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        return services;
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, HeavyReadSettings settings)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.Window;
        var seconds = (long)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
        var window = (long)settings.Window.TotalSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "请求过于频繁 / too many requests",
                Detail = $"未登录的访问者每{window}秒最多{settings.PermitLimit}次摇号核验或账本证明请求，请{seconds}秒后重试 / "
                    + $"anonymous callers may make {settings.PermitLimit} draw verification or ledger proof requests per {window} s; "
                    + $"retry in {seconds} s",
            },
        });
    }
}
