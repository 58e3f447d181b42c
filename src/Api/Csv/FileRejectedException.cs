using FairDraw.Api.Problems;

namespace FairDraw.Api.Csv;

/// <summary>
/// One reason a line of an uploaded file is invalid. A reason may repeat a cell's value, so it is cut as problems cut
/// what they echo (<see cref="EchoedValues"/>): a file of huge cells cannot make a huge answer.
/// </summary>
public sealed record LineError(int Line, string Field, string Reason)
{
    public string Field { get; } = EchoedValues.Cut(Field);

    public string Reason { get; } = EchoedValues.Cut(Reason, EchoedValues.MaxText);
}

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

/// <summary>
/// The errors of a file read as a stream: every error is counted, but only the first <see cref="FileRejectedException.MaxReported"/>
/// by line are kept, so that a file bad on every line does not hold an error object per line.
/// </summary>
public sealed class LineErrors
{
    private readonly List<LineError> kept = [];

    public int Count { get; private set; }

    public void Add(LineError error)
    {
        Count++;
        kept.Add(error);
        if (kept.Count >= 2 * FileRejectedException.MaxReported)
        {
            Trim();
        }
    }

    /// <summary>Takes over the errors a reader has added to <paramref name="found"/>, leaving it empty.</summary>
    public void Take(List<LineError> found)
    {
        foreach (var error in found)
        {
            Add(error);
        }

        found.Clear();
    }

    /// <summary>Rejects the file if any error was found.</summary>
    public void ThrowIfAny(string fileName)
    {
        if (Count > 0)
        {
            Trim();
            throw new FileRejectedException(fileName, kept, Count);
        }
    }

    private void Trim()
    {
        kept.Sort((a, b) => a.Line.CompareTo(b.Line));
        kept.RemoveRange(Math.Min(kept.Count, FileRejectedException.MaxReported), Math.Max(0, kept.Count - FileRejectedException.MaxReported));
    }
}
