using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// Declares the RFC 7807 problem details every operation may answer (<see cref="Problems.ProblemDetailsMapping"/>): 400 (with
/// <c>field</c>) when it takes parameters or a body, 401 and 403 when it needs a token, 404 where the generator lists
/// it, and any other error (409) as the default response.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ContentType = "application/problem+json";
    private const string SchemaName = "ProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(SchemaName))
        {
            document.AddComponent(SchemaName, await SchemaAsync(context, cancellationToken));
        }

        operation.Responses ??= [];
        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
        {
            Add(operation, document, "400", "输入无效（field 指明字段）/ invalid input: `field` names the parameter, body member or file, `errors` every bad line of a file");
        }

        if (!OperationSecurity.IsPublic(context))
        {
            Add(operation, document, "401", "缺少或无效的令牌 / no valid bearer token");
            Add(operation, document, "403", "角色或辖区无权 / the token's role or jurisdiction may not do this");
        }

        if (operation.Responses.ContainsKey("404"))
        {
            Add(operation, document, "404", "未找到 / not found: `field` names what is missing");
        }

        Add(operation, document, "default", "其他错误（如409冲突）/ any other error, e.g. 409 conflict");
    }

    /// <summary>ProblemDetails with the extension members this API writes.</summary>
    private static async Task<OpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["field"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "出错的字段：查询参数、JSON 路径（如 tasks[1].ratio）或 body / the field at fault: a query or route parameter, a JSON path such as tasks[1].ratio, or body",
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "文件的每处错误 {line, field, reason} / every error of a rejected file: {line, field, reason}",
            Items = new OpenApiSchema { Type = JsonSchemaType.Object },
        };
        return schema;
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description)
    {
        operation.Responses![status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
            },
        };
    }
}
