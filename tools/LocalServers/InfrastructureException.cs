namespace Infogerance.LocalServers;

/// <summary>
/// Something on this machine or on the command line that the developer has to fix.
/// The message says what is wrong and how to fix it, so it is shown as is, without a stack trace.
/// </summary>
public sealed class InfrastructureException(string message) : Exception(message);
