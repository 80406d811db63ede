namespace Infogerance.TestSupport;

/// <summary>Where the built programs of this checkout are, for tests that run them as processes.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the running tests (Debug or Release): the programs are taken from the same.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string AppHostDll => Built("AppHost", "Infogerance.AppHost.dll");

    public static string ServiceDll(string project) => Built(Path.Combine("src", project), $"Infogerance.{project}.dll");

    private static string Built(string projectDirectory, string assembly)
    {
        var path = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assembly} is not built: run `dotnet build Infogerance.sln -c {Configuration}` first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Infogerance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests do not run from inside the repository.");
    }
}
