namespace FairDraw.Api.Hosting;

/// <summary>One reason a line of an uploaded file is invalid.</summary>
public sealed record LineError(int Line, string Field, string Reason);

/// <summary>An uploaded file was rejected as a whole; nothing of it was written.</summary>
public sealed class FileRejectedException(string file, IReadOnlyList<LineError> errors, int totalErrors)
    : Exception($"{file}: {totalErrors} invalid line(s)")
{
    public string File { get; } = file;

    /// <summary>The first errors found (at most <see cref="MaxReported"/>).</summary>
    public IReadOnlyList<LineError> Errors { get; } = errors;

    public int TotalErrors { get; } = totalErrors;

    public const int MaxReported = 1000;
}
