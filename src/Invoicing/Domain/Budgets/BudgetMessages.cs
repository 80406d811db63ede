using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>What the budgets' endpoints say to a person, in English and French.</summary>
public static class BudgetMessages
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static Message Year { get; } = new Message(
            "budget.year.range",
            $"The year is between {FirstYear} and {LastYear}.",
            $"L’année est comprise entre {FirstYear} et {LastYear}.")
        .With("min", FirstYear).With("max", LastYear);

    public static Message Amount { get; } = new Message(
            "budget.amount.invalid",
            "An amount in euros, zero or more, to the cent.",
            "Un montant en euros, positif ou nul, au centime près.")
        .With("min", 0).With("max", MaxAmount);

    public static Message Month { get; } = new(
        "budget.month.unknown",
        "Months are numbered 1 to 12.",
        "Les mois sont numérotés de 1 à 12.");

    public static Message YearOrMonths { get; } = new(
        "budget.plan.both",
        "Give the year's amount or the months' amounts, not both.",
        "Indiquez le montant de l’année ou ceux des mois, pas les deux.");

    public static bool IsAmount(decimal amount) => amount >= 0 && amount < MaxAmount && decimal.Round(amount, 2) == amount;
}
