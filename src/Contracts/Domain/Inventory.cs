namespace Infogerance.Contracts.Domain;

/// <summary>
/// One line of the état des lieux as a user gives it (form or imported file). Every field is nullable because it
/// arrives from JSON or a spreadsheet cell, where anything may be missing; <see cref="InventoryRules.Check"/> says what is wrong.
/// </summary>
public sealed record InventoryItemInput(string? Type, string? Name, int? Quantity, string? Criticality, string? Location);

/// <summary>What an inventory line must satisfy, keyed by the field's camelCase name as the API reports it.</summary>
public static class InventoryRules
{
    public const int MaxNameLength = 200;
    public const int MaxLocationLength = 200;
    public const int MaxQuantity = 1_000_000;

    /// <summary>The codes stored and returned by the API; files may use other spellings, which the importer maps to these.</summary>
    public static IReadOnlyList<string> Types { get; } = ["server", "workstation", "network", "software", "licence", "fileShare", "database", "other"];

    public static IReadOnlyList<string> Criticalities { get; } = ["low", "medium", "high", "critical"];

    public static Dictionary<string, string[]> Check(InventoryItemInput item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(item.Type))
        {
            errors["type"] = ["The type is required."];
        }
        else if (!Types.Contains(item.Type, StringComparer.Ordinal))
        {
            errors["type"] = [$"The type must be one of {string.Join(", ", Types)}."];
        }

        if (string.IsNullOrWhiteSpace(item.Name))
        {
            errors["name"] = ["The name is required."];
        }
        else if (item.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name is at most {MaxNameLength} characters."];
        }

        if (item.Quantity is null)
        {
            errors["quantity"] = ["The quantity is required."];
        }
        else if (item.Quantity is < 1 or > MaxQuantity)
        {
            errors["quantity"] = ["The quantity is a whole number from 1 to 1,000,000."];
        }

        if (string.IsNullOrWhiteSpace(item.Criticality))
        {
            errors["criticality"] = ["The criticality is required."];
        }
        else if (!Criticalities.Contains(item.Criticality, StringComparer.Ordinal))
        {
            errors["criticality"] = [$"The criticality must be one of {string.Join(", ", Criticalities)}."];
        }

        if (item.Location is { Length: > MaxLocationLength })
        {
            errors["location"] = [$"The location is at most {MaxLocationLength} characters."];
        }

        return errors;
    }
}

/// <summary>One line of the cahier des charges: what is expected, at what level, and how acceptance is judged.</summary>
public sealed record RequirementInput(string? Category, string? ExpectedLevel, string? AcceptanceCriterion);

public static class RequirementRules
{
    public const int MaxCategoryLength = 100;
    public const int MaxTextLength = 2_000;

    public static Dictionary<string, string[]> Check(RequirementInput requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var errors = new Dictionary<string, string[]>();
        Text(errors, "category", "category", requirement.Category, MaxCategoryLength);
        Text(errors, "expectedLevel", "expected level", requirement.ExpectedLevel, MaxTextLength);
        Text(errors, "acceptanceCriterion", "acceptance criterion", requirement.AcceptanceCriterion, MaxTextLength);
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string label, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {label} is required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"The {label} is at most {maxLength} characters."];
        }
    }
}
