using FairDraw.Api.Access;
using FairDraw.Api.Demo;
using FairDraw.Ledger.Access;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;

namespace FairDraw.Api.Commands;

[Description("Loads the Guiyang demo data (idempotent) and prints one token per role", Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<IClock>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var items = await DemoItemList.LoadAsync(store, clock, CancellationToken.None);
        AnsiConsole.MarkupLineInterpolated($"item list 2021版: {items} items loaded{(items == 0 ? " (already loaded)" : "")}");
        var entities = await DemoEntities.LoadAsync(store, clock, CancellationToken.None);
        AnsiConsole.MarkupLineInterpolated($"entity directory: {entities.Registered} registered, {entities.Unchanged} already loaded");
        var inspectors = await DemoInspectors.LoadAsync(store, clock, CancellationToken.None);
        AnsiConsole.MarkupLineInterpolated($"inspector directory: {inspectors} enrolled ({DemoInspectors.Count - inspectors} already loaded)");

        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine("[bold]Tokens (12 h), one per role:[/]");
        var tokens = services.GetRequiredService<TokenService>();
        var inspector = DemoInspectors.Generate().Select(d => d.Enrolment).First(e => e.Jurisdiction == "520102");
        foreach (var (role, jurisdiction, user) in DemoUsers.Append((Role.Inspector, inspector.Jurisdiction!, inspector.Id!)))
        {
            var token = tokens.Issue(user, user, role, DivisionCode.Parse(jurisdiction), Duration.FromHours(12));
            AnsiConsole.MarkupLineInterpolated($"[yellow]{role}[/] ({jurisdiction}, {user}):");
            Console.WriteLine(token);
        }

        return true;
    }

    private static readonly (Role Role, string Jurisdiction, string User)[] DemoUsers =
    [
        (Role.CreditOffice, Guiyang.City, "credit-office"),
        (Role.BusinessDivision, Guiyang.City, "business-division"),
        (Role.DistrictBureau, "520102", "nanming-bureau"),
        (Role.Registrar, Guiyang.City, "registrar"),
        (Role.Personnel, Guiyang.City, "personnel"),
        (Role.Auditor, Guiyang.City, "auditor"),
        (Role.Investigator, Guiyang.City, "investigator"),
    ];
}
