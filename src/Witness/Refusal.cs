namespace FairDraw.Witness;

/// <summary>
/// An add-checkpoint request the witness does not cosign, with the status c2sp.org/tlog-witness assigns; answered as
/// problem details naming the part of the request at fault (<paramref name="field"/>).
/// </summary>
internal class Refusal(int status, string field, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    public string Title { get; } = title;
}

/// <summary>409: the old size is not the size the witness holds; the body tells the log which size to prove from.</summary>
internal sealed class SizeConflict(long heldSize)
    : Refusal(StatusCodes.Status409Conflict, "old", "旧树大小不符 / Old size conflict", $"the witness holds size {heldSize}")
{
    public long HeldSize { get; } = heldSize;
}
