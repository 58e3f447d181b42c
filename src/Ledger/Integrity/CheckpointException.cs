namespace FairDraw.Ledger.Integrity;

/// <summary>A checkpoint or signed note is malformed, unsigned by the expected key, or its signature does not verify.</summary>
public sealed class CheckpointException(string message) : Exception(message);
