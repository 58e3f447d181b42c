using FairDraw.Api.Access;
using FairDraw.Ledger.Access;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Commands;

public sealed class TokenInput : NetCoreInput
{
    [Description("Role: CreditOffice, BusinessDivision, DistrictBureau, Registrar, Personnel, Inspector, Auditor, Investigator")]
    public Role RoleArg { get; set; }

    [Description("Division code of the user's jurisdiction (default 520100, Guiyang city)")]
    public string JurisdictionFlag { get; set; } = "520100";

    [Description("User id recorded as the actor of every event the token writes")]
    public string UserFlag { get; set; } = "";

    [Description("Lifetime in hours (default 12)")]
    public int HoursFlag { get; set; } = 12;
}

[Description("Issues a bearer token for local use", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        var user = input.UserFlag.Length > 0 ? input.UserFlag : $"{input.RoleArg.ToString().ToLowerInvariant()}-{input.JurisdictionFlag}";
        var token = host.Services.GetRequiredService<TokenService>()
            .Issue(user, user, input.RoleArg, DivisionCode.Parse(input.JurisdictionFlag), Duration.FromHours(input.HoursFlag));
        Console.WriteLine(token);
        return true;
    }
}
