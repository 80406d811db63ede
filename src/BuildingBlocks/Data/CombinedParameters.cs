using System.Collections.Concurrent;
using System.Data;
using Dapper;

namespace Infogerance.Data;

/// <summary>
/// Several parameter objects given to one command (a unit of work's scope and its command's, a command's and its
/// outbox's), each read by the reader Dapper generates for its type, the later ones winning on a shared name.
/// </summary>
/// <remarks>
/// Dapper's <see cref="DynamicParameters"/> does the same, but keeps those readers in a dictionary behind one lock for the
/// whole process, which every command of every request took twice. Under load on two cores its holders were preempted
/// and the other requests' threads spun on it: a tenth of the Reporting service's CPU time under the desk's load. Here
/// the readers are kept in a concurrent dictionary, read without a lock.
/// </remarks>
public sealed class CombinedParameters(params object?[] parts) : SqlMapper.IDynamicParameters
{
    private static readonly ConcurrentDictionary<SqlMapper.Identity, Action<IDbCommand, object>> Readers = new();

    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(identity);
        foreach (var part in parts)
        {
            switch (part)
            {
                case null:
                    break;
                case SqlMapper.IDynamicParameters dynamic:
                    dynamic.AddParameters(command, identity);
                    break;
                case IEnumerable<KeyValuePair<string, object?>>:
                    ((SqlMapper.IDynamicParameters)new DynamicParameters(part)).AddParameters(command, identity);
                    break;
                default:
                    // Per statement and type, as Dapper's own: parameters the statement does not name are left out.
                    Readers.GetOrAdd(identity.ForDynamicParameters(part.GetType()),
                        key => SqlMapper.CreateParamInfoGenerator(key, checkForDuplicates: true, removeUnused: true))(command, part);
                    break;
            }
        }
    }
}
