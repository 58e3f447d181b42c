namespace FairDraw.Ledger.Integrity;

/// <summary>
/// The C2SP signed-note envelope: a text ending in a newline, a blank line, then one or more lines
/// "— &lt;key name&gt; &lt;base64 signature&gt;\n". The text is separated from the signatures by the last blank line.
/// </summary>
internal sealed record SignedNote(string Text, IReadOnlyList<(string KeyName, byte[] Signature)> Signatures)
{
    public const string SignatureLinePrefix = "\u2014 ";

    /// <summary>c2sp.org/signed-note: verifiers must accept at least 16 signatures and should cap them.</summary>
    public const int MaxSignatures = 100;

    public static SignedNote Parse(string note)
    {
        if (string.IsNullOrEmpty(note) || note.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new CheckpointException("malformed note: empty, or holds a control character other than newline");
        }

        var separator = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0 || !note.EndsWith('\n') || separator + 2 == note.Length)
        {
            throw new CheckpointException("malformed note: no blank line followed by signature lines, or no final newline");
        }

        var text = note[..(separator + 1)];
        var lines = note[(separator + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new CheckpointException($"malformed note: more than {MaxSignatures} signatures");
        }

        return new SignedNote(text, lines.Select(ParseSignatureLine).ToList());
    }

    private static (string KeyName, byte[] Signature) ParseSignatureLine(string line)
    {
        var space = line.LastIndexOf(' ');
        if (!line.StartsWith(SignatureLinePrefix, StringComparison.Ordinal) || space <= SignatureLinePrefix.Length)
        {
            throw new CheckpointException($"malformed note: \"{line}\" is not a signature line \"— <name> <base64>\"");
        }

        var name = line[SignatureLinePrefix.Length..space];
        var signature = NoteKey.DecodeBase64(line[(space + 1)..], $"signature of {name}");
        if (name.Contains(' ', StringComparison.Ordinal) || signature.Length <= NoteKey.KeyIdSize)
        {
            throw new CheckpointException($"malformed note: the signature line of {name} is malformed");
        }

        return (name, signature);
    }
}
