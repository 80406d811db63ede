using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Tests;

/// <summary>The default template once the contract manager has entered the fee it leaves out: terms that can be signed.</summary>
internal static class EnteredTerms
{
    public static ContractTerms For(DateOnly start, decimal monthlyFee = 12_500m) =>
        DefaultTerms.For(start) with { Prices = DefaultTerms.For(start).Prices with { MonthlyFee = monthlyFee } };
}
