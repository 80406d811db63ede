using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Infogerance.Gateway;

/// <summary>
/// The SPA's built files (<see cref="SpaSettings.Root"/>), with index.html for client-side routes. Absent in
/// development, where Vite's dev server serves the SPA and proxies /api and /bff here.
/// </summary>
/// <remarks>
/// Vite names everything under /assets after its content hash: those never change, so browsers keep them a year
/// without asking again. index.html names the current hashes, so it is revalidated on every load. The build writes a
/// brotli and a gzip copy next to each asset; serving those costs no CPU per request, unlike compressing on the fly.
/// </remarks>
internal static class SpaFiles
{
    public const string AssetsPath = "/assets";
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    /// <summary>Preferred first: brotli is about a fifth smaller than gzip on the bundles.</summary>
    private static readonly (string Coding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    private const string CodingItem = "Spa.ContentCoding";

    public static void UseSpaFiles(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<SpaSettings>>().Value.Root;
        if (string.IsNullOrWhiteSpace(root) || !Directory.Exists(root))
        {
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var options = new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new PrecompressedContentTypes(),
            OnPrepareResponse = PrepareResponse,
        };
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.Use((context, next) => ChooseEncoding(context, next, files));
        app.UseStaticFiles(options);
        app.MapFallbackToFile("index.html", options)
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
    }

    /// <summary>Points an asset's request at its precompressed copy when the client accepts that coding.</summary>
    private static Task ChooseEncoding(HttpContext context, RequestDelegate next, IFileProvider files)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(AssetsPath) || !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return next(context);
        }

        // The copies are an encoding of the asset, not resources of their own.
        if (Precompressed.Any(p => path.Value!.EndsWith(p.Suffix, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (coding, suffix) in Precompressed)
        {
            var accepts = accepted.Any(a => StringSegment.Equals(a.Value, coding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
            if (accepts && files.GetFileInfo(path.Value + suffix).Exists)
            {
                context.Items[CodingItem] = coding;
                context.Request.Path = new PathString(path.Value + suffix);
                break;
            }
        }

        return next(context);
    }

    private static void PrepareResponse(StaticFileResponseContext file)
    {
        var context = file.Context;
        var headers = context.Response.Headers;
        if (context.Items[CodingItem] is string coding)
        {
            headers.ContentEncoding = coding;
        }

        // A missing asset falls back to index.html, which must not be kept.
        if (context.Request.Path.StartsWithSegments(AssetsPath) && file.File.Name != "index.html")
        {
            headers.CacheControl = Immutable;
            headers.Vary = HeaderNames.AcceptEncoding;
        }
        else
        {
            headers.CacheControl = Revalidate;
        }
    }

    /// <summary>A precompressed copy has the type of the file it encodes.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Precompressed)
            {
                if (subpath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return _types.TryGetContentType(subpath[..^suffix.Length], out contentType!);
                }
            }

            return _types.TryGetContentType(subpath, out contentType!);
        }
    }
}
