using System.Text;
using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// The worked example of docs/ledger-integrity.md ("Event canonical encoding"): expected values computed independently
/// with Python's json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False) and hashlib.sha256, which equal
/// JCS for these inputs (ASCII keys, strings and integers only).
/// </summary>
public sealed class LedgerRecordTests
{
    private const string Stream = "entity:91350100M000100Y43";

    private const string Registered =
        """{"Uscc":"91350100M000100Y43","Name":"示例商贸有限公司","Type":"Enterprise","Jurisdiction":"520102","RegistrationAuthority":"南明区市场监督管理局","Address":"","Industry":"F5211","RiskClass":"B","Tags":["食品经营"],"Status":"Existing","RegisteredBy":"registrar-1","RegisteredAt":"2021-06-01T09:00:00Z"}""";

    private const string StatusChanged =
        """{"Uscc":"91350100M000100Y43","Status":"Deregistered","Reason":"注销登记","ChangedBy":"registrar-1","ChangedAt":"2021-09-01T09:00:00Z"}""";

    private static byte[] First() => LedgerRecord.Canonical(
        Stream, 1, "entity_registered", "registrar-1", LedgerRecord.FormatTime(Instant.FromUtc(2021, 6, 1, 9, 0)), Encoding.UTF8.GetBytes(Registered), LedgerRecord.Genesis);

    [Fact]
    public void The_first_event_of_a_stream_has_the_documented_bytes_chain_and_leaf()
    {
        var canonical = First();
        Assert.Equal(
            """{"actor":"registrar-1","data":{"Address":"","Industry":"F5211","Jurisdiction":"520102","Name":"示例商贸有限公司","RegisteredAt":"2021-06-01T09:00:00Z","RegisteredBy":"registrar-1","RegistrationAuthority":"南明区市场监督管理局","RiskClass":"B","Status":"Existing","Tags":["食品经营"],"Type":"Enterprise","Uscc":"91350100M000100Y43"},"prev":"0000000000000000000000000000000000000000000000000000000000000000","stream":"entity:91350100M000100Y43","time":"2021-06-01T09:00:00.000000000Z","type":"entity_registered","version":1}""",
            Encoding.UTF8.GetString(canonical));
        Assert.Equal("4398f38079cd62b3f37853e887aad40286ab7235955e9ada2a912c6c85e11c46", Convert.ToHexStringLower(LedgerRecord.ChainHash(canonical)));
        Assert.Equal("a5cbe99ece0a5af8582f07184698e511cbaad385259c53ffde860c603c5035b7", Convert.ToHexStringLower(MerkleTree.LeafHash(canonical)));
    }

    [Fact]
    public void The_second_event_commits_to_the_first()
    {
        var second = LedgerRecord.Canonical(
            Stream, 2, "entity_status_changed", "registrar-1", LedgerRecord.FormatTime(Instant.FromUtc(2021, 9, 1, 9, 0)), Encoding.UTF8.GetBytes(StatusChanged), LedgerRecord.ChainHash(First()));
        Assert.Equal("1d09be737773ed2a29dbf647d3045d4ddb10f317186c7b0149d7ae18d600e5b5", Convert.ToHexStringLower(LedgerRecord.ChainHash(second)));
    }

    [Theory]
    [InlineData("""{"Amount":1.5}""")]
    [InlineData("""{"Count":9007199254740992}""")]
    [InlineData("""{"A":1,"A":2}""")]
    public void Payloads_outside_the_ledger_profile_are_refused(string payload) =>
        Assert.Throws<JcsException>(() => LedgerRecord.Canonical(Stream, 1, "x", "a", "t", Encoding.UTF8.GetBytes(payload), LedgerRecord.Genesis));
}
