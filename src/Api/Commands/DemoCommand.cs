using FairDraw.Api.Access;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Ledger.Access;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

[Description("Loads the Guiyang demo data (idempotent) and prints one token per role", Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        await LedgerDatabase.RequireMigratedAsync(services, CancellationToken.None);

        var items = await DemoItemList.LoadAsync(store, new DemoClock(DemoClock.ItemListPublished));
        Out.MarkupLineInterpolated($"item list 2021版: {items} items loaded{(items == 0 ? " (already loaded)" : "")}");
        var entities = await DemoEntities.LoadAsync(store, new DemoClock(DemoClock.EntitiesImported), CancellationToken.None);
        Out.MarkupLineInterpolated($"entity directory: {entities.Registered} registered, {entities.Unchanged} already loaded");
        var inspectors = await DemoInspectors.LoadAsync(store, new DemoClock(DemoClock.InspectorsEnrolled), CancellationToken.None);
        Out.MarkupLineInterpolated($"inspector directory: {inspectors} enrolled ({DemoInspectors.Count - inspectors} already loaded)");

        var draw = await DemoDraw.LoadAsync(
            store,
            services.GetRequiredService<EntityPoolReader>(),
            services.GetRequiredService<DrawPools>(),
            services.GetRequiredService<LedgerProofs>(),
            services.GetRequiredService<LedgerLog>(),
            services.GetRequiredService<CheckpointSigner>(),
            services.GetRequiredService<DrandCheck>(),
            CancellationToken.None);
        Out.MarkupLineInterpolated(
            $"2021 plan {DemoDraw.PlanId} filed; task {DemoDraw.TaskId} drawn{(draw.AlreadyDrawn ? " (already drawn)" : "")}: pool {draw.PoolSize:N0}, sample {draw.SampleSize:N0}, commitment {draw.CommitHash[..16]}…, {draw.Infeasible} infeasible");
        var results = await DemoResults.LoadAsync(store, CancellationToken.None);
        Out.WriteLine(results.AlreadyLoaded
            ? $"results of {DemoDraw.TaskId} and joint task {DemoDraw.JointTaskId}: already loaded"
            : $"results of {DemoDraw.TaskId} and joint task {DemoDraw.JointTaskId}: {results.Results} recorded, {results.Published} published ({results.Late} late), {results.Exempted} exempted, {results.FollowUps} follow-ups ({results.OpenFollowUps} open)");
        Out.MarkupLine("  statistics: [bold]GET /api/statistics/results?year=2021&jurisdiction=520100[/]; public: [bold]GET /api/public/tasks/" + DemoDraw.TaskId + "/results[/]");
        Out.MarkupLine("[yellow]演示说明 / demo note:[/] the drand value of the demo draw is a real beacon (default chain, round 2023932, June 2022), checked against the chain's key; the 福彩3D numbers are a typed-in demo input, not that day's result; a real operator enters the published values. The draws waited for that June 2022 beacon, so the demo's inspections (summer 2022) come after the tasks' 2021 end and are flagged overdue.");
        Out.MarkupLine("Verify it in a browser: [bold]/verify/" + DemoDraw.TaskId + "[/] (the page recomputes the draw itself), with [bold]GET /api/tasks/" + DemoDraw.TaskId + "/draw/verification[/], or on the command line:");
        Out.MarkupLine($"  dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll verify-draw {DemoDraw.TaskId} --evidence evidence.json");
        Out.MarkupLine("  node verifier/draw-verifier.mjs evidence.json        [grey](the independent JavaScript verifier; also runs in a browser)[/]");
        // The verifier key is public (GET /api/ledger/checkpoint); an auditor takes it from the bureau's notice instead.
        var verifierKey = services.GetRequiredService<CheckpointSigner>().PublicKeyText();
        Out.MarkupLineInterpolated($"  dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll verify-ledger --key '{verifierKey}'");
        Out.MarkupLine("      [grey](every event's chain, the Merkle log, the signed checkpoints; add --trusted with checkpoints kept earlier or a witness's state folder)[/]");
        Out.MarkupLine("  dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll verify-directories    [grey](the directories the pool was read from, replayed from their events)[/]");

        Out.WriteLine();
        Out.MarkupLine("[bold]Tokens (12 h), one per role, and a partner department's official:[/]");
        var tokens = services.GetRequiredService<TokenService>();
        var inspector = DemoInspectors.Generate().Select(d => d.Enrolment).First(e => e.Jurisdiction == "520102");
        var inspectorUser = (Role.Inspector, inspector.Jurisdiction!, inspector.Id!, (string?)null);
        foreach (var (role, jurisdiction, user, department) in DemoUsers.Append(inspectorUser))
        {
            var token = tokens.Issue(user, user, role, DivisionCode.Parse(jurisdiction), Duration.FromHours(12), department);
            var named = department is null ? "" : ", " + department;
            Out.MarkupLineInterpolated($"[yellow]{role}[/] ({jurisdiction}, {user}{named}):");
            Console.WriteLine(token);
        }

        return true;
    }

    /// <summary>
    /// The demo's users; the officials carry the department their results belong to: the demo plan's lead (信用监管处)
    /// and the partner of its joint task T03 (<see cref="DemoDraw.FoodDepartment"/>).
    /// </summary>
    private static readonly (Role Role, string Jurisdiction, string User, string? Department)[] DemoUsers =
    [
        (Role.CreditOffice, Guiyang.City, "credit-office", null),
        (Role.BusinessDivision, Guiyang.City, "business-division", "信用监管处"),
        (Role.BusinessDivision, Guiyang.City, "food-division", DemoDraw.FoodDepartment),
        (Role.DistrictBureau, "520102", "nanming-bureau", "南明区市场监督管理局"),
        (Role.Registrar, Guiyang.City, "registrar", null),
        (Role.Personnel, Guiyang.City, "personnel", null),
        (Role.Auditor, Guiyang.City, "auditor", null),
        (Role.Investigator, Guiyang.City, "investigator", null),
    ];
}
