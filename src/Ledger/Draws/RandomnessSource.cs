namespace FairDraw.Ledger.Draws;

/// <summary>
/// A named future randomness source, committed before it resolves: its label (used in the IKM), its kind
/// (<see cref="Drand"/> or <see cref="Lottery"/>), which round or draw it is, and how its value is encoded.
/// </summary>
public sealed record RandomnessSource
{
    public const string Drand = "drand";
    public const string Lottery = "lottery";

    public RandomnessSource(string label, string kind, string reference, string encoding)
    {
        Label = DrawMembers.Label(label, "label");
        Kind = kind is Drand or Lottery ? kind : throw DomainException.Invalid("kind", $"source kind '{kind}' is not '{Drand}' or '{Lottery}'");
        Reference = DrawMembers.Label(reference, "reference");
        Encoding = DrawMembers.Label(encoding, "encoding");
    }

    public string Label { get; }

    public string Kind { get; }

    /// <summary>e.g. "drand quicknet 52db9ba7…e971 round 20000000" or "福彩3D 2026-11-28 第2026318期" (the forms <c>FutureSources</c> derives).</summary>
    public string Reference { get; }

    /// <summary>Human-readable statement of the canonical value encoding, committed with the source.</summary>
    public string Encoding { get; }

    public const string DrandEncoding = "signature as lowercase hex";
    public const string LotteryEncoding = "RFC 3797: numbers ascending, each followed by '.', ended by '/'";
}
