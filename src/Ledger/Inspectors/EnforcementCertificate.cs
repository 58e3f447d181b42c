using NodaTime;

namespace FairDraw.Ledger.Inspectors;

/// <summary>执法证: the enforcement certificate a staff inspector must hold, valid from one date to another (inclusive).</summary>
public sealed record EnforcementCertificate(string Number, LocalDate ValidFrom, LocalDate ValidTo);
