namespace FairDraw.Ledger.Duty;

/// <summary>Collects one clause: the items it checked, the events it read and its findings.</summary>
internal sealed class DutyClauseBuilder(int number, string name)
{
    // Appended as read and put in order once at the end: a clause reads tens of thousands of events in a city's year.
    private readonly List<long> _read = [];
    private readonly List<DutyFinding> _findings = [];
    private int _checked;

    public IReadOnlyList<DutyFinding> Findings => _findings;

    /// <summary>Counts one item checked, reading <paramref name="events"/>.</summary>
    public void Check(IEnumerable<DutyEvent> events)
    {
        _checked++;
        Read(events);
    }

    public void Read(IEnumerable<DutyEvent> events)
    {
        foreach (var e in events)
        {
            _read.Add(e.Sequence);
        }
    }

    /// <summary>Records a finding unless <paramref name="verdict"/> is fulfilled; its events count as read.</summary>
    public void Find(string verdict, string code, string subject, IEnumerable<DutyEvent> events, string detail)
    {
        if (verdict == DutyVerdict.Fulfilled)
        {
            return;
        }

        var cited = events.Select(e => e.Sequence).Distinct().Order().ToList();
        _read.AddRange(cited);
        _findings.Add(new DutyFinding(verdict, code, subject, cited, detail));
    }

    public DutyClause Build() => new(number, name, DutyVerdict.Of(_checked, _findings), [.. _read.Distinct().Order()], [.. _findings]);
}
