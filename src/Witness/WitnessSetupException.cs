namespace FairDraw.Witness;

/// <summary>A verb cannot do what it was asked (a key exists, a log key is malformed…): one line for the operator.</summary>
internal sealed class WitnessSetupException(string message) : Exception(message);
