using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// States in the OpenAPI document, operation by operation, who may call it: a public operation ([AllowAnonymous])
/// carries no security requirement, every other one the bearer scheme (<see cref="BearerSecurityScheme"/>).
/// </summary>
public sealed class OperationSecurity : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = IsPublic(context)
            ? null
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityScheme.Name, context.Document)] = [] }];
        return Task.CompletedTask;
    }

    public static bool IsPublic(OpenApiOperationTransformerContext context) => context.Has<IAllowAnonymous>();
}
