namespace FairDraw.Ledger.Integrity;

/// <summary>The input cannot be canonicalized under RFC 8785 (or under the ledger payload profile); the message names why.</summary>
public sealed class JcsException(string message) : Exception(message);
