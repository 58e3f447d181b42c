namespace FairDraw.Ledger.Integrity;

/// <summary>Which JSON numbers a canonicalization accepts.</summary>
internal enum JcsNumberRule
{
    /// <summary>RFC 8785: any number whose value is a finite IEEE-754 double (after round-to-nearest).</summary>
    AnyFiniteDouble,

    /// <summary>The ledger payload profile: plain integer literals within ±(2^53−1), exactly representable.</summary>
    SafeIntegerOnly,
}
