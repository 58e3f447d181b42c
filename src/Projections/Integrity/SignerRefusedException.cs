namespace FairDraw.Projections.Integrity;

/// <summary>
/// The log's refusal to go on: the stored tree does not extend the checkpoint kept beside the key, or cannot be loaded.
/// The reason is written for the operator, who alone can end it (docs/ledger-integrity.md, "The signer never signs a fork").
/// </summary>
public sealed class SignerRefusedException(string reason) : Exception(reason);
