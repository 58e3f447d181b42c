using System.Text.Json;
using FairDraw.Api.Access;
using FairDraw.Api.Draws;
using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

public sealed class DrawInput : NetCoreInput
{
    /// <summary>The steps the verb runs, as its help and its refusal of an unknown step name them.</summary>
    public const string Steps = "freeze, commit, publish, reveal, randomness, confirm, execute, assign, substitute, reassign or set-aside";

    [Description("The step: " + Steps)]
    public string StepArg { get; set; } = "";

    [Description("The task id, e.g. 2021-520100-SJJ-01")]
    public string TaskArg { get; set; } = "";

    [Description("A JSON file with the step's body, as the HTTP endpoint takes it (freeze: {\"reason\":…}; commit: {\"sources\":[…]}; …)")]
    public string BodyFlag { get; set; } = "";

    [Description("Bearer token of the acting user, as the endpoint takes it (the token verb issues one for local use)")]
    public string TokenFlag { get; set; } = "";

    [Description("substitute, reassign and set-aside: the approver's own bearer token, their countersignature (X-Approval-Token)")]
    public string ApprovalFlag { get; set; } = "";
}

[Description("Runs one DRAW-v1 step of a task (" + DrawInput.Steps + ") and prints its event", Name = "draw")]
public sealed class DrawCommand : JasperFxAsyncCommand<DrawInput>
{
    public override async Task<bool> Execute(DrawInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        await LedgerDatabase.RequireMigratedAsync(services, CancellationToken.None);
        var steps = services.GetRequiredService<DrawSteps>();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        var body = input.BodyFlag.Length == 0 ? "{}" : await File.ReadAllTextAsync(input.BodyFlag);
        try
        {
            var tokens = services.GetRequiredService<TokenService>();
            var actor = await tokens.ActorOfAsync(input.TokenFlag);
            var approver = input.ApprovalFlag.Length == 0 ? null : await tokens.ActorOfAsync(input.ApprovalFlag);
            object written = input.StepArg switch
            {
                "freeze" => await steps.FreezeAsync(session, input.TaskArg, Body<FreezePool>(body), actor, CancellationToken.None),
                "commit" => await steps.CommitAsync(session, input.TaskArg, Body<CommitDraw>(body), actor),
                "publish" => await steps.PublishAsync(session, input.TaskArg, Body<PublishCommitment>(body), actor, CancellationToken.None),
                "reveal" => await steps.RevealAsync(session, input.TaskArg, Body<RevealPartySecret>(body), actor),
                "randomness" => await steps.RecordRandomnessAsync(session, input.TaskArg, Body<RecordRandomness>(body), actor, CancellationToken.None),
                "confirm" => await steps.ConfirmAsync(session, input.TaskArg, Body<ConfirmLotteryValues>(body), actor),
                "execute" => await steps.ExecuteAsync(session, input.TaskArg, actor, CancellationToken.None),
                "assign" => await steps.AssignAsync(session, input.TaskArg, actor),
                "substitute" => await steps.SubstituteAsync(session, input.TaskArg, Body<SubstituteEntity>(body), actor, approver, CancellationToken.None),
                "reassign" => await steps.ReassignAsync(session, input.TaskArg, Body<ReassignInspector>(body), actor, approver),
                "set-aside" => await steps.SetAsideAsync(session, input.TaskArg, Body<SetAsideRound>(body), actor, approver),
                _ => throw DomainException.Invalid("step", $"unknown step '{input.StepArg}': use {DrawInput.Steps}"),
            };
            Out.MarkupLineInterpolated($"[green]{written.GetType().Name}[/] recorded for task {input.TaskArg}");
            Console.WriteLine(JsonSerializer.Serialize(written, written.GetType(), EvidenceBundle.Json));
            return true;
        }
        catch (DomainException refused)
        {
            Error.MarkupLineInterpolated($"[red]{refused.Kind}[/] [yellow]{refused.Field}[/]: {refused.Message}");
            return false;
        }
        catch (DrandCheckUnavailableException unavailable)
        {
            Error.MarkupLineInterpolated($"[red]unavailable[/]: {unavailable.Message}");
            return false;
        }
    }

    private static T Body<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, BodyJson) ?? throw DomainException.Invalid("body", "the body file is empty");
        }
        catch (JsonException unreadable)
        {
            throw DomainException.Invalid("body", $"请求体文件不是所需形式的JSON / the body file is not JSON of the expected shape: {unreadable.Message}");
        }
    }

    /// <summary>As the HTTP endpoints read bodies: the bundle's conventions; a member the step does not take, or one given twice, is refused.</summary>
    private static readonly JsonSerializerOptions BodyJson = new(EvidenceBundle.Json)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };
}

public sealed class VerifyDrawInput : NetCoreInput
{
    [Description("The task id")]
    public string TaskArg { get; set; } = "";

    [Description("One round (default: every round; with --evidence, the newest)")]
    public int? RoundFlag { get; set; }

    [Description("Also write the round's evidence bundle to this file")]
    public string EvidenceFlag { get; set; } = "";

    [Description("Witness keys (name+keyid+base64), all after one --witness, that the receipts' checkpoints must be cosigned by")]
    public List<string> WitnessFlag { get; set; } = [];

    [Description("How many of the --witness keys must have cosigned (default: all of them)")]
    public int? QuorumFlag { get; set; }
}

[Description("Recomputes every round of a task's draw from the ledger and reports each round's state, outcome and checks; exits non-zero on a failure or a round not verifiable yet", Name = "verify-draw")]
public sealed class VerifyDrawCommand : JasperFxAsyncCommand<VerifyDrawInput>
{
    public override async Task<bool> Execute(VerifyDrawInput input)
    {
        WitnessPolicy? witnesses;
        try
        {
            witnesses = input.WitnessFlag.Count == 0 && input.QuorumFlag is null ? null
                : WitnessPolicy.Parse(input.WitnessFlag, input.QuorumFlag ?? input.WitnessFlag.Count);
        }
        catch (CheckpointException refused)
        {
            Error.MarkupLineInterpolated($"[red]Invalid[/] [yellow]witness[/]: --witness KEY [[KEY …]] --quorum K: {refused.Message}");
            return false;
        }

        using var host = input.BuildHost();
        var evidence = host.Services.GetRequiredService<DrawEvidence>();
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        TaskVerification verification;
        try
        {
            if (input.EvidenceFlag.Length > 0)
            {
                var bundle = await evidence.BundleAsync(session, input.TaskArg, input.RoundFlag, CancellationToken.None, witnesses);
                await File.WriteAllBytesAsync(input.EvidenceFlag, JsonSerializer.SerializeToUtf8Bytes(bundle, EvidenceBundle.Json));
                verification = TaskVerification.Of(input.TaskArg, [bundle.Verification]);
            }
            else
            {
                verification = input.RoundFlag is null
                    ? await evidence.VerifyTaskAsync(session, input.TaskArg, CancellationToken.None, witnesses)
                    : TaskVerification.Of(
                        input.TaskArg, [await evidence.VerifyAsync(session, input.TaskArg, input.RoundFlag, CancellationToken.None, witnesses)]);
            }
        }
        catch (DomainException refused)
        {
            // An unknown task or round, or one not drawn yet: one line naming it, as the endpoint's problem details do.
            Error.MarkupLineInterpolated($"[red]{refused.Field}[/]: {refused.Reason}");
            return false;
        }

        foreach (var report in verification.Rounds)
        {
            Out.MarkupLineInterpolated(
                $"task {report.TaskId}, round {report.Round} ({RoundStates.Name(report.State)}): [{Colour(report.Outcome)}]{Name(report.Outcome)}[/]");
            foreach (var check in report.Checks.Append(report.Witnessing))
            {
                var (colour, outcome) = check.Outcome switch
                {
                    CheckOutcome.Pass => ("green", "pass"),
                    CheckOutcome.Fail => ("red", "fail"),
                    CheckOutcome.NotReached => ("grey", "not-reached"),
                    _ => ("yellow", "not-run"),
                };
                Out.MarkupLineInterpolated($"  [{colour}]{outcome,-11}[/] {check.Name}: {check.Detail}");
            }

            if (report.Note is { } note)
            {
                Out.MarkupLineInterpolated($"  [{Colour(report.Outcome)}]{note}[/]");
            }
        }

        if (input.EvidenceFlag.Length > 0)
        {
            Out.MarkupLineInterpolated($"evidence bundle written to {input.EvidenceFlag}; check it offline with: node verifier/draw-verifier.mjs {input.EvidenceFlag}");
        }

        // Exit 0 when nothing failed and every round is verified as far as it went (pass or attention); a failure, or a
        // round not verifiable yet (pending), exits non-zero.
        var failed = verification.Rounds.FirstOrDefault(report => report.Outcome == RoundOutcome.Fail);
        var waiting = verification.Rounds.FirstOrDefault(report => report.Outcome == RoundOutcome.Pending);
        var attention = verification.Rounds.Where(report => report.Outcome == RoundOutcome.Attention).Select(report => report.Round).ToList();
        Out.MarkupLine(
            failed is not null ? $"[red]first failure: {Markup.Escape($"{failed.FirstFailure} (round {failed.Round})")}[/]"
            : waiting is not null ? $"[yellow]not verified yet: round {waiting.Round}: {Markup.Escape(waiting.Note ?? waiting.FirstFailure ?? "")}[/]"
            : attention.Count > 0 ? $"[green]draw verified[/]; [yellow]attention: round(s) {string.Join(", ", attention)} did not run to their end (see above)[/]"
            : "[green]draw verified[/]");
        return verification.Outcome is RoundOutcome.Pass or RoundOutcome.Attention;
    }

    internal static string Name(RoundOutcome outcome) => JsonSerializer.Serialize(outcome).Trim('"');

    private static string Colour(RoundOutcome outcome) => outcome switch
    {
        RoundOutcome.Pass => "green",
        RoundOutcome.Fail => "red",
        _ => "yellow",
    };
}
