namespace FairDraw.Ledger.Access;

/// <summary>The users of the ledger (domain brief, "Roles"). Authorisation follows them.</summary>
public enum Role
{
    /// <summary>信用监管处: owns the platform rules and the inspection item list, sees everything in its jurisdiction.</summary>
    CreditOffice,

    /// <summary>业务处室: makes plans and runs draws for the entities its jurisdiction registered.</summary>
    BusinessDivision,

    /// <summary>区县局 / 开发区分局: like a business division, but only inside its own district.</summary>
    DistrictBureau,

    /// <summary>登记机关: maintains the entity directory.</summary>
    Registrar,

    /// <summary>人事/法规处: maintains the inspector directory.</summary>
    Personnel,

    /// <summary>执法检查人员与专家: records results for assignments it holds, declares its own conflicts.</summary>
    Inspector,

    /// <summary>纪检监察: reads everything, replays and verifies draws.</summary>
    Auditor,

    /// <summary>调查人员: reads the full history of anything, as of any date.</summary>
    Investigator,
}
