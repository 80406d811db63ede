using Infogerance.Validation;

namespace Infogerance.ServiceLevels;

/// <summary>
/// A count that can never end: the calendar has been closed for years on end from where it started (closed days
/// covering several years). It is the calendar's fault, and <see cref="Reason"/> says so to whoever wrote it.
/// </summary>
public sealed class EndlessCountException : InvalidOperationException
{
    public EndlessCountException(Message reason)
        : base(reason?.English)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
    }

    public Message Reason { get; }
}
