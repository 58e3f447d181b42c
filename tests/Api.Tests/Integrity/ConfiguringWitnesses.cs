using FairDraw.Api.Hosting;
using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.Configuration;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>Ledger:Witnesses and Ledger:WitnessQuorum are read once at start-up; anything wrong stops it with the setting named.</summary>
public sealed class ConfiguringWitnesses
{
    private static readonly string First = new Cosigner("witness.test/first", Cosigner.NewSeed()).Key.VerifierKeyText();
    private static readonly string Second = new Cosigner("witness.test/second", Cosigner.NewSeed()).Key.VerifierKeyText();

    private static WitnessSettings Read(params (string Key, string Value)[] settings) => WitnessSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void No_witnesses_mean_no_policy_and_the_quorum_defaults_to_every_witness()
    {
        Assert.Null(Read().Policy);
        var two = Read(("Ledger:Witnesses:0:Url", "http://127.0.0.1:5197/w"), ("Ledger:Witnesses:0:Key", First),
            ("Ledger:Witnesses:1:Url", "https://witness.example/"), ("Ledger:Witnesses:1:Key", Second));

        Assert.Equal(2, two.Policy!.Quorum);
        Assert.Equal(new Uri("http://127.0.0.1:5197/w/add-checkpoint"), two.Witnesses[0].AddCheckpoint);
        Assert.Equal(new Uri("https://witness.example/add-checkpoint"), two.Witnesses[1].AddCheckpoint);
    }

    [Theory]
    [InlineData("ftp://witness.example/", "KEY", null, "Ledger:Witnesses:0:Url must be the witness's absolute http(s) submission prefix")]
    [InlineData("http://witness.example/", "witness.test/first+00000000+AAAA", null, "Ledger:Witnesses:0:Key is not a witness verifier key")]
    [InlineData("http://witness.example/", "KEY", "2", "Ledger:WitnessQuorum must be a whole number from 1 to 1")]
    [InlineData("http://witness.example/", "KEY", "0", "Ledger:WitnessQuorum must be a whole number from 1 to 1")]
    public void A_wrong_setting_stops_the_start_naming_it(string url, string key, string? quorum, string message)
    {
        (string, string)[] settings = [("Ledger:Witnesses:0:Url", url), ("Ledger:Witnesses:0:Key", key == "KEY" ? First : key)];
        var error = Assert.Throws<InvalidOperationException>(() => Read([.. settings, .. quorum is null ? [] : new[] { ("Ledger:WitnessQuorum", quorum) }]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quorum_without_witnesses_or_a_witness_named_twice_is_refused()
    {
        Assert.Contains("lists no witness", Assert.Throws<InvalidOperationException>(() => Read(("Ledger:WitnessQuorum", "1"))).Message);
        Assert.Equal("Ledger:Witnesses: a witness policy names each witness once", Assert.Throws<InvalidOperationException>(() => Read(
            ("Ledger:Witnesses:0:Url", "http://a.example/"), ("Ledger:Witnesses:0:Key", First),
            ("Ledger:Witnesses:1:Url", "http://b.example/"), ("Ledger:Witnesses:1:Key", First))).Message);
    }
}
