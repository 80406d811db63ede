using Infogerance.Validation;

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

    public static FieldErrors Check(InventoryItemInput item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new FieldErrors();

        if (string.IsNullOrWhiteSpace(item.Type))
        {
            errors.Add("type", ContractMessages.InventoryTypeRequired);
        }
        else if (!Types.Contains(item.Type, StringComparer.Ordinal))
        {
            errors.Add("type", ContractMessages.InventoryTypeUnknown(Types));
        }

        if (string.IsNullOrWhiteSpace(item.Name))
        {
            errors.Add("name", ContractMessages.InventoryNameRequired);
        }
        else if (item.Name.Length > MaxNameLength)
        {
            errors.Add("name", ContractMessages.InventoryNameTooLong(MaxNameLength));
        }

        if (item.Quantity is null)
        {
            errors.Add("quantity", ContractMessages.QuantityRequired);
        }
        else if (item.Quantity is < 1 or > MaxQuantity)
        {
            errors.Add("quantity", ContractMessages.QuantityRange(MaxQuantity));
        }

        if (string.IsNullOrWhiteSpace(item.Criticality))
        {
            errors.Add("criticality", ContractMessages.CriticalityRequired);
        }
        else if (!Criticalities.Contains(item.Criticality, StringComparer.Ordinal))
        {
            errors.Add("criticality", ContractMessages.CriticalityUnknown(Criticalities));
        }

        if (item.Location is { Length: > MaxLocationLength })
        {
            errors.Add("location", ContractMessages.LocationTooLong(MaxLocationLength));
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

    public static FieldErrors Check(RequirementInput requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var errors = new FieldErrors();
        Text(errors, "category", requirement.Category, MaxCategoryLength, ContractMessages.RequirementCategoryRequired, ContractMessages.RequirementCategoryTooLong);
        Text(errors, "expectedLevel", requirement.ExpectedLevel, MaxTextLength, ContractMessages.ExpectedLevelRequired, ContractMessages.ExpectedLevelTooLong);
        Text(errors, "acceptanceCriterion", requirement.AcceptanceCriterion, MaxTextLength,
            ContractMessages.AcceptanceCriterionRequired, ContractMessages.AcceptanceCriterionTooLong);
        return errors;
    }

    private static void Text(FieldErrors errors, string field, string? value, int maxLength, Message required, Func<int, Message> tooLong)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, required);
        }
        else if (value.Length > maxLength)
        {
            errors.Add(field, tooLong(maxLength));
        }
    }
}
