using System.Text.Json.Serialization;

namespace FairDraw.Ledger;

/// <summary>
/// What became of one check of a verifier (a draw, the ledger, a directory). A check that had nothing to check (no
/// receipts given, no events) is <see cref="NotRun"/>, never <see cref="Pass"/>; one whose inputs failed an earlier
/// check is <see cref="NotReached"/>. The names are the reports' bytes, whatever the serializer's options
/// (docs/ledger-integrity.md, "Verification outcomes").
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckOutcome>))]
public enum CheckOutcome
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,

    [JsonStringEnumMemberName("not-reached")]
    NotReached,

    [JsonStringEnumMemberName("not-run")]
    NotRun,
}
