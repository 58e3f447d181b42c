namespace FairDraw.Api.Dossiers;

/// <summary>
/// One event of a dossier with its receipt against the page's checkpoint: the canonical bytes (UTF-8 JSON text) and
/// the inclusion proof of its leaf. <see cref="LeafIndex"/>, <see cref="Canonical"/> and <see cref="InclusionProof"/> are
/// null while the event is not yet covered by a signed checkpoint.
/// </summary>
public sealed record DossierEntry(
    long Sequence, string StreamKey, long Version, string Type, string Actor, string Time, long? LeafIndex, string? Canonical,
    IReadOnlyList<string>? InclusionProof);

/// <summary>
/// A page of a dossier (<see cref="Kind"/>: entities, inspectors, officials or tasks; <see cref="Subject"/> its id) as
/// of <see cref="AsOf"/> or <see cref="AsOfSequence"/> (both null: now), in ledger order. Every entry's receipt is
/// proved against <see cref="Checkpoint"/> (the signed note, given once; null before the first) under
/// <see cref="VerifierKey"/>; <see cref="Next"/> is the cursor of the next page (query <c>after</c>), null on the last.
/// </summary>
public sealed record DossierPage(
    string Kind, string Subject, string? AsOf, long? AsOfSequence, string? Checkpoint, string VerifierKey,
    IReadOnlyList<DossierEntry> Entries, int PageSize, string? Next);
