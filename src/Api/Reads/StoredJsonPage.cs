using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace FairDraw.Api.Reads;

/// <summary>
/// A page of documents answered from their stored JSON: each member is renamed to the API's name and put in the API's
/// order, and every value is copied as stored, so that a list does not turn each row into an object and back (that
/// round trip was most of a directory page's CPU, see docs/performance.md#entity-lists-over-1000000-entities-issue-17-point-8).
/// <c>stored</c> is the JSON array the database returned, the page's rows and at most one row more. The answer is the
/// JSON of <see cref="Page{T}"/>; a test holds the two equal.
/// </summary>
public sealed class StoredJsonPage<T>(
    ArraySegment<byte> stored, int? pageNumber, int pageSize, long? total, string keyMember, Func<string, string> cursorAfter)
    : IResult, IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Page<T>), ["application/json"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var shape = Shape.For(httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, shape);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private void Write(Utf8JsonWriter writer, Shape shape)
    {
        var json = stored.AsSpan();
        var reader = new Utf8JsonReader(json);
        var values = new (int Start, int End)[shape.Names.Length];
        var keyIndex = shape.IndexOf(keyMember);
        (int Start, int End) lastKey = default;
        var items = 0;
        var more = false;

        writer.WriteStartObject();
        writer.WriteStartArray("items");
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (items == pageSize)
            {
                more = true; // the row past the page: there is a next page
                break;
            }

            Array.Clear(values);
            for (var ordinal = 0; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; ordinal++)
            {
                var index = shape.Find(ref reader, ordinal);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (index >= 0)
                {
                    values[index] = (start, (int)reader.BytesConsumed);
                }
            }

            writer.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
            {
                var (start, end) = values[i];
                if (end == 0)
                {
                    throw new InvalidOperationException($"a stored {typeof(T).Name} has no member {shape.StoredNames[i]}");
                }

                writer.WritePropertyName(shape.Names[i]);
                writer.WriteRawValue(json[start..end], skipInputValidation: true);
            }

            writer.WriteEndObject();
            lastKey = values[keyIndex];
            items++;
        }

        writer.WriteEndArray();
        WriteNumberOrNull(writer, "pageNumber", pageNumber);
        writer.WriteNumber("pageSize", pageSize);
        WriteNumberOrNull(writer, "total", total);
        if (more)
        {
            writer.WriteString("next", cursorAfter(JsonSerializer.Deserialize<string>(json[lastKey.Start..lastKey.End])!));
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// The members of <typeparamref name="T"/> as the API writes them (names and order) and as they are stored (the
    /// property's own name: the store has no naming policy).
    /// </summary>
    private sealed class Shape
    {
        private static Shape? cached;

        private readonly byte[][] storedUtf8;

        /// <summary>For the n-th stored member, the index it most likely has (PostgreSQL's jsonb orders keys by length, then bytes).</summary>
        private readonly int[] storedOrder;

        private Shape(JsonSerializerOptions options)
        {
            var members = options.GetTypeInfo(typeof(T)).Properties
                .Where(p => p.Get is not null)
                .Select(p => IsFlat(options, p.PropertyType)
                    ? p
                    : throw new NotSupportedException($"{typeof(T).Name}.{p.Name} holds objects, whose member names a copy would not rename"))
                .Select(p => (Api: p.Name, Stored: ((PropertyInfo)p.AttributeProvider!).Name))
                .ToArray();
            Names = [.. members.Select(m => JsonEncodedText.Encode(m.Api))];
            StoredNames = [.. members.Select(m => m.Stored)];
            storedUtf8 = [.. StoredNames.Select(System.Text.Encoding.UTF8.GetBytes)];
            storedOrder = [.. Enumerable.Range(0, members.Length)
                .OrderBy(i => storedUtf8[i].Length)
                .ThenBy(i => storedUtf8[i], Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))];
        }

        public JsonEncodedText[] Names { get; }

        public string[] StoredNames { get; }

        /// <summary>A value written as one JSON value or an array of them: nothing inside it has a member name.</summary>
        private static bool IsFlat(JsonSerializerOptions options, Type type) => options.GetTypeInfo(type) switch
        {
            { Kind: JsonTypeInfoKind.None } => true,
            { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } => options.GetTypeInfo(element).Kind == JsonTypeInfoKind.None,
            _ => false,
        };

        public static Shape For(JsonSerializerOptions options) => cached ??= new Shape(options);

        public int IndexOf(string storedName) => Array.IndexOf(StoredNames, storedName) is >= 0 and var index
            ? index
            : throw new InvalidOperationException($"{typeof(T).Name} has no member {storedName}");

        /// <summary>
        /// The index of the member whose stored name the reader is on (the <paramref name="ordinal"/>-th of its object), or
        /// -1 for a member the API does not write.
        /// </summary>
        public int Find(ref Utf8JsonReader reader, int ordinal)
        {
            if (ordinal < storedOrder.Length && reader.ValueTextEquals(storedUtf8[storedOrder[ordinal]]))
            {
                return storedOrder[ordinal];
            }

            foreach (var index in storedOrder)
            {
                if (reader.ValueTextEquals(storedUtf8[index]))
                {
                    return index;
                }
            }

            return -1;
        }
    }
}
