using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// Declares the bearer-token scheme in the OpenAPI document, so the API reference page can send tokens; which
/// operations require it is stated per operation (<see cref="OperationSecurity"/>).
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "令牌由 `token` 命令或 run 脚本签发 / tokens come from the `token` verb or the run script",
        };
        document.Info.Title = "Fair-Draw Ledger API（双随机、一公开 审计账本）";
        return Task.CompletedTask;
    }
}
