using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// Marks an endpoint that reads a ledger position from the route parameter <c>sequence</c> as text (so that "abc" is a
/// 400 naming the field, not Wolverine's bare 404); <see cref="PositionInRouteSchema"/> still describes it as the
/// positive integer it must be.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PositionInRouteAttribute : Attribute;

/// <summary>Describes the <c>sequence</c> route parameter of a <see cref="PositionInRouteAttribute"/> endpoint as a positive int64.</summary>
public sealed class PositionInRouteSchema : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Has<PositionInRouteAttribute>())
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path && p.Name == "sequence"))
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" };
            }
        }

        return Task.CompletedTask;
    }
}
