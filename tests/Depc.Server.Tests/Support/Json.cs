using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depc.Server.Tests.Support;

public static class Json
{
    public static JsonNode? Of<T>(T value) => JsonNode.Parse(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync());

    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
}
