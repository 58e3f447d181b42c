namespace FairDraw.Ledger.Results;

/// <summary>One result folded from its stream: as first recorded, and every correction since, in order.</summary>
public sealed record InspectionResult(InspectionResultRecorded Recorded, IReadOnlyList<InspectionResultCorrected> Corrections)
{
    public ResultContent Content => Corrections.Count == 0 ? Recorded.Content : Corrections[^1].Content;

    public bool Overdue => Corrections.Count == 0 ? Recorded.Overdue : Corrections[^1].Overdue;

    public static InspectionResult? Evolve(InspectionResult? state, object data) => data switch
    {
        InspectionResultRecorded recorded => new InspectionResult(recorded, []),
        InspectionResultCorrected corrected when state is not null => state with { Corrections = [.. state.Corrections, corrected] },
        _ => state,
    };
}
