using System.Text.Json;
using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests.Json;

/// <summary>The options the services read request bodies with.</summary>
internal static class RequestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Extensions.ConfigureRequestJson(options);
        return options;
    }
}
