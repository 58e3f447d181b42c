namespace FairDraw.Ledger.Access;

/// <summary>Reading a role from text (a token's claim): exactly one of the names of <see cref="Role"/>, nothing else.</summary>
public static class Roles
{
    /// <summary>
    /// True only for a role's exact name. <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/> would also take "3",
    /// "99" and "Inspector, Registrar" (numbers and flag combinations), so a token could name a role nobody issued.
    /// </summary>
    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
