using FairDraw.Ledger.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace FairDraw.Api.OpenApi;

/// <summary>
/// Describes the types the API writes as plain strings through their own JSON converters — NodaTime's instants and
/// dates, division codes — as the strings they are; the generator knows only their .NET shape and described them as
/// "any value", which left clients generated from the document without a type.
/// </summary>
public sealed class ValueSchemas : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, (string? Format, string? Pattern, string Description)> Described = new()
    {
        [typeof(Instant)] = ("date-time", null, "ISO 8601 instant in UTC, e.g. 2021-03-01T09:00:00Z"),
        [typeof(LocalDate)] = ("date", null, "ISO 8601 calendar date, e.g. 2021-03-01"),
        [typeof(DivisionCode)] = (null, "^[0-9]{6}$", "行政区划代码 / six-digit administrative division code, e.g. 520102"),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (Described.TryGetValue(type, out var described))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = described.Format;
            schema.Pattern = described.Pattern;
            schema.Description ??= described.Description;
        }

        return Task.CompletedTask;
    }
}
