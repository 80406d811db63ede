using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Infogerance.TestSupport;

namespace Infogerance.EndToEnd.Tests.Browser;

/// <summary>
/// How the gateway delivers the built SPA: hashed assets compressed and kept a year, the page that names them
/// revalidated on every load.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class SpaDeliveryTests(InfogeranceSystem system)
{
    private static readonly string Dist = Path.Combine(Repository.Root, "src", "Web", "dist");

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_hashed_asset_comes_compressed_as_accepted_and_cached_for_a_year(string coding)
    {
        var asset = EntryScript();
        var raw = await File.ReadAllBytesAsync(Path.Combine(Dist, asset.TrimStart('/')), TestContext.Current.CancellationToken);

        var response = await GetAsync(asset, coding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length < raw.Length / 2, $"{coding}: {body.Length} bytes for a {raw.Length}-byte file.");
        Assert.Equal(raw, Decompress(body, coding));
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_file_as_is()
    {
        var asset = EntryScript();
        var raw = await File.ReadAllBytesAsync(Path.Combine(Dist, asset.TrimStart('/')), TestContext.Current.CancellationToken);

        var response = await GetAsync(asset, acceptEncoding: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(raw, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/contracts/00000000-0000-0000-0000-000000000001/tickets/import")]
    public async Task The_page_naming_the_assets_is_revalidated_on_every_load(string path)
    {
        var response = await GetAsync(path, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains(EntryScript(), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_precompressed_copy_is_not_a_resource_of_its_own()
    {
        var response = await GetAsync(EntryScript() + ".br", "br");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding)
    {
        // No automatic decompression: the test sees the bytes on the wire.
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(system.GatewayUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    private static string EntryScript()
    {
        Assert.True(File.Exists(Path.Combine(Dist, "index.html")), "The SPA is not built: run ./test.sh, or `npm ci && npm run build` in src/Web.");
        return EntryScriptPattern().Match(File.ReadAllText(Path.Combine(Dist, "index.html"))).Value;
    }

    private static byte[] Decompress(byte[] body, string coding)
    {
        using var output = new MemoryStream();
        using Stream decoder = coding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"/assets/index-[\w-]+\.js")]
    private static partial Regex EntryScriptPattern();
}
