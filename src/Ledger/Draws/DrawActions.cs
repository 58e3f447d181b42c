namespace FairDraw.Ledger.Draws;

/// <summary>
/// What each draw step is called where a refusal names it ("role … may not …"): the decisions and the service that
/// checks authorisation before it reads the pools name a step alike.
/// </summary>
public static class DrawActions
{
    public const string Freeze = "冻结抽查对象池 / freeze draw pools";
    public const string Commit = "承诺摇号 / commit draws";
    public const string Publish = "公示摇号承诺 / publish draw commitments";
    public const string Reveal = "揭示多方秘密 / reveal party secrets";
    public const string RecordRandomness = "录入随机源数值 / record randomness";
    public const string Confirm = "确认彩票开奖号码 / confirm lottery values";
    public const string SetAside = "撤销摇号轮次 / set aside draw rounds";
    public const string Execute = "执行摇号 / execute draws";
    public const string Assign = "匹配检查人员 / assign inspectors";
    public const string Substitute = "替换抽查对象 / substitute sampled entities";
    public const string Reassign = "调整检查人员 / reassign inspectors";
    public const string RecordLapsedValues = "录入已失效轮次的随机源数值 / record a lapsed round's source values";
}
