using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Witness;

/// <summary>
/// <c>witness.key</c> (0600): the witness's name and Ed25519 seed, <c>{"name": "...", "seed": "&lt;64 hex digits&gt;"}</c>.
/// Made once by <c>init</c> and never overwritten: a new key would disown every cosignature made with the old one.
/// </summary>
internal sealed record WitnessKeyFile(string Name, string Seed)
{
    public static Cosigner Create(StateFolder state, string name)
    {
        if (File.Exists(state.KeyFile))
        {
            throw new WitnessSetupException($"见证人密钥已存在 / a witness key exists already: {state.KeyFile} (not overwritten)");
        }

        var seed = Cosigner.NewSeed();
        var cosigner = new Cosigner(name, seed); // checks the name before anything is written
        state.CreateFolders();
        AtomicFile.WriteNew(state.KeyFile, StateFolder.Serialize(new WitnessKeyFile(name, Convert.ToHexStringLower(seed))));
        return cosigner;
    }

    public static Cosigner Load(StateFolder state)
    {
        if (!File.Exists(state.KeyFile))
        {
            throw new WitnessSetupException(
                $"见证人密钥缺失 / no witness key: {state.KeyFile}; create it once with `init --state {state.Path} --name NAME`");
        }

        var file = StateFolder.Read<WitnessKeyFile>(state.KeyFile);
        return new Cosigner(file.Name, Convert.FromHexString(file.Seed));
    }
}
