using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

/// <summary>
/// A person's saved view of a list: a name and the list's address query (filters, search, sort) that the application
/// applies again. The service keeps the text as given: the list checks its parameters when it is read.
/// </summary>
public static class SavedViews
{
    public const int MaxName = 80;
    public const int MaxQuery = 2000;
    public const int MaxPerList = 50;

    public static readonly IReadOnlyList<string> Lists = ["tickets"];

    public static FieldErrors Check(string? list, string? name, string? query)
    {
        var errors = new FieldErrors();
        if (list is null || !Lists.Contains(list))
        {
            errors.Add("list", SavedViewMessages.ListUnknown);
        }

        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxName || trimmed.Any(char.IsControl))
        {
            errors.Add("name", SavedViewMessages.Name(MaxName));
        }

        if (query is null || query.Length > MaxQuery || query.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || query.StartsWith('?'))
        {
            errors.Add("query", SavedViewMessages.Query(MaxQuery));
        }

        return errors;
    }
}

public static class SavedViewMessages
{
    public static readonly Message ListUnknown = new("savedView.list", "The list is tickets.", "La liste est tickets.");

    public static Message Name(int max) =>
        new Message("savedView.name", $"Name the view in 1 to {max} characters.", $"Nommez la vue en 1 à {max} caractères.").With("max", max);

    public static Message Query(int max) =>
        new Message("savedView.query", $"The view is the list's address query (a=b&c=d, without '?'), at most {max} characters.",
            $"La vue est la requête de l'adresse de la liste (a=b&c=d, sans « ? »), d'au plus {max} caractères.").With("max", max);

    public static Message NameTaken(string name) =>
        new Message("savedView.nameTaken", $"You already have a view named “{name}”.", $"Vous avez déjà une vue nommée « {name} ».").With("name", name);

    public static Message TooMany(int max) =>
        new Message("savedView.tooMany", $"At most {max} views per list: delete one first.", $"Au plus {max} vues par liste : supprimez-en une d'abord.").With("max", max);
}
