using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// Wolverine describes each operation by its generated id (<c>POST_api_entities_import</c>); the summary comes from the
/// endpoint's XML comment, so that placeholder is dropped and the API reference shows the summary alone.
/// </summary>
public sealed class PlaceholderDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Description == operation.OperationId)
        {
            operation.Description = null;
        }

        return Task.CompletedTask;
    }
}
