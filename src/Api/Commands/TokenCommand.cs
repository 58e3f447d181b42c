using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

public sealed class TokenInput : NetCoreInput
{
    [Description("Role: CreditOffice, BusinessDivision, DistrictBureau, Registrar, Personnel, Inspector, Auditor, Investigator")]
    public string RoleArg { get; set; } = "";

    [Description("Division code of the user's jurisdiction (default 520100, Guiyang city)")]
    public string JurisdictionFlag { get; set; } = "520100";

    [Description("User id recorded as the actor of every event the token writes")]
    public string UserFlag { get; set; } = "";

    [Description("Department as plans and item lists spell it (e.g. 食品生产安全监督管理处); officials need it to act on results")]
    public string? DepartmentFlag { get; set; }

    [Description("Lifetime in hours, 1 to 8784 (default 12)")]
    public int HoursFlag { get; set; } = 12;
}

[Description("Issues a bearer token for local use", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    /// <summary>A year: tokens are for local use, and a lifetime past year 9999 cannot even be written into one.</summary>
    private const int MaxHours = 24 * 366;

    public override bool Execute(TokenInput input)
    {
        try
        {
            var role = Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(r.ToString(), input.RoleArg, StringComparison.OrdinalIgnoreCase))
                ?? throw DomainException.Invalid("role", $"未知角色“{input.RoleArg}” / unknown role '{input.RoleArg}': use one of {string.Join(", ", Enum.GetNames<Role>())}");
            var jurisdiction = DivisionCode.Parse(input.JurisdictionFlag);
            var department = input.DepartmentFlag is null ? null : Departments.Parse(input.DepartmentFlag);
            var lifetime = input.HoursFlag is > 0 and <= MaxHours
                ? Duration.FromHours(input.HoursFlag)
                : throw DomainException.Invalid("hours", $"有效期应为1至{MaxHours}小时 / the lifetime is 1 to {MaxHours} hours");
            using var host = input.BuildHost();
            var user = input.UserFlag.Length > 0 ? input.UserFlag : $"{role.ToString().ToLowerInvariant()}-{jurisdiction}";
            var tokens = host.Services.GetRequiredService<TokenService>();
            Console.WriteLine(tokens.Issue(user, user, role, jurisdiction, lifetime, department));
            return true;
        }
        catch (DomainException refused)
        {
            Error.MarkupLineInterpolated($"[red]{refused.Kind}[/] [yellow]{refused.Field}[/]: {refused.Message}");
            return false;
        }
    }
}
