using System.Text;
using Microsoft.Extensions.Logging.Console;
using NodaTime;

namespace FairDraw.Witness;

/// <summary>
/// The witness's HTTP interface: <c>POST /add-checkpoint</c> (c2sp.org/tlog-witness) and, for monitors,
/// <c>GET /checkpoint?origin=</c>, the latest checkpoint it cosigned for that log.
/// </summary>
public static class WitnessServer
{
    public const string SizeContentType = "text/x.tlog.size";

    /// <summary>A request body is an old size, at most 63 proof lines and one checkpoint note: a few KiB.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static WebApplicationBuilder CreateBuilder(string stateFolder, IClock clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Every log line to stderr: stdout carries only what `serve` prints (its key and addresses) for scripts.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(services => new CheckpointWitness(
            new StateFolder(stateFolder), clock, services.GetRequiredService<ILogger<CheckpointWitness>>()));
        return builder;
    }

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<CheckpointWitness>(); // a missing key or a taken state folder fails at start
        app.UseExceptionHandler(); // a failure (the state cannot be written) is a logged 500 problem, never a cosignature
        app.MapPost("/add-checkpoint", AddCheckpoint);
        app.MapGet("/checkpoint", (string? origin, CheckpointWitness witness) =>
            string.IsNullOrEmpty(origin)
                ? Problem(new Refusal(StatusCodes.Status400BadRequest, "origin", "缺少日志 / Origin missing", "give ?origin=<the log's origin line>"))
                : witness.Latest(origin) is { } note
                    ? Results.Text(note, "text/plain; charset=utf-8")
                    : Problem(new Refusal(StatusCodes.Status404NotFound, "origin", "未知日志 / Unknown log",
                        $"this witness has cosigned no checkpoint of \"{origin}\"")));
    }

    private static async Task<IResult> AddCheckpoint(HttpRequest request, CheckpointWitness witness, CancellationToken cancellation)
    {
        try
        {
            var body = await ReadBody(request, cancellation);
            return Results.Text(await witness.AddCheckpoint(body, cancellation), "text/plain; charset=utf-8");
        }
        catch (SizeConflict conflict)
        {
            return Results.Text($"{conflict.HeldSize}\n", SizeContentType, Encoding.UTF8, StatusCodes.Status409Conflict);
        }
        catch (Refusal refusal)
        {
            return Problem(refusal);
        }
    }

    private static async Task<string> ReadBody(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new Refusal(StatusCodes.Status413PayloadTooLarge, "body", "请求过大 / Request too large",
                    $"an add-checkpoint body is at most {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new Refusal(StatusCodes.Status400BadRequest, "body", "请求格式错误 / Malformed request", "the body is not UTF-8");
        }
    }

    private static IResult Problem(Refusal refusal) =>
        Results.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title,
            extensions: new Dictionary<string, object?> { ["field"] = refusal.Field });
}
