using Microsoft.AspNetCore.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>What the OpenAPI transformers ask of an endpoint: whether it carries a marker ([AllowAnonymous], [CsvUpload], …).</summary>
public static class OpenApiMarkers
{
    public static bool Has<TMarker>(this OpenApiOperationTransformerContext context) =>
        context.Description.ActionDescriptor.EndpointMetadata.OfType<TMarker>().Any();
}
