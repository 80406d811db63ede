using Infogerance.LocalServers;

namespace Infogerance.AppHost;

/// <summary>The checkout the AppHost was built in: the default data folder and the SPA's build are found from it.</summary>
internal static class Repository
{
    public static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Infogerance.sln"))) return folder.FullName;
        }
        throw new InfrastructureException(
            $"No Infogerance.sln found above {AppContext.BaseDirectory}: run the AppHost from its build output inside the repository");
    }
}
