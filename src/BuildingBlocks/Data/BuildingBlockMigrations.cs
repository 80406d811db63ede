using System.Reflection;

namespace Infogerance.Data;

/// <summary>
/// The tables a building block keeps in the databases of the services that use it: the <c>.sql</c> resources of
/// <paramref name="Assembly"/> whose names start with <paramref name="ResourcePrefix"/>, journaled as
/// <c>{Name}/{file}</c>, run after the platform's migrations and before the service's own.
/// </summary>
public sealed record BuildingBlockMigrations(string Name, Assembly Assembly, string ResourcePrefix);
