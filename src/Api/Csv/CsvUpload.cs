using FairDraw.Api.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.Csv;

/// <summary>
/// Marks an endpoint that reads its file with <see cref="UploadedFile.ReadAsync"/> (it takes the raw request, so the
/// OpenAPI generator sees no body); <see cref="CsvUploadBody"/> describes the two ways to send the file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CsvUploadAttribute : Attribute;

/// <summary>Describes the request body of a <see cref="CsvUploadAttribute"/> endpoint: a text/csv body or the "file" field of a multipart form.</summary>
public sealed class CsvUploadBody : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Has<CsvUploadAttribute>())
        {
            return Task.CompletedTask;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "CSV 文件（UTF-8）：作为 text/csv 正文，或 multipart/form-data 的 file 字段 / the CSV file (UTF-8): as a text/csv body, or as the 'file' field of multipart/form-data",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
