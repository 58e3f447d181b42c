using System.Text.Json;
using System.Text.Json.Serialization;

namespace FairDraw.Ledger.Access;

/// <summary>Writes a <see cref="DivisionCode"/> as its six-digit string.</summary>
public sealed class DivisionCodeJsonConverter : JsonConverter<DivisionCode>
{
    public override DivisionCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DivisionCode.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DivisionCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
