using System.Reflection;
using Infogerance.Contracts.Domain;
using Infogerance.Validation;

namespace Infogerance.Contracts.Tests;

public sealed class ContractMessagesTests
{
    /// <summary>Every message the class can say, its factories called with sample values.</summary>
    public static TheoryData<string> Names() => [.. All().Select(entry => entry.Name)];

    private static IEnumerable<(string Name, Message Message)> All()
    {
        foreach (var property in typeof(ContractMessages).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(Message)))
        {
            yield return (property.Name, (Message)property.GetValue(null)!);
        }

        foreach (var method in typeof(ContractMessages).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Message) && !m.IsSpecialName))
        {
            yield return (method.Name, (Message)method.Invoke(null, [.. method.GetParameters().Select(p => Sample(p.ParameterType))])!);
        }
    }

    private static object Sample(Type type) =>
        type == typeof(int) ? 12
        : type == typeof(decimal) ? 0.5m
        : type == typeof(DateOnly) ? new DateOnly(2026, 3, 31)
        : type == typeof(IEnumerable<string>) ? new[] { "low", "high" }
        : type == typeof(string) ? Phases.Takeover
        : throw new NotSupportedException(type.Name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_message_has_a_dotted_code_and_a_French_text_of_its_own(string name)
    {
        var message = All().Single(entry => entry.Name == name).Message;
        Assert.Matches("^[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)+$", message.Code);
        Assert.NotEqual(message.English, message.French);
        Assert.DoesNotContain("\"", message.French, StringComparison.Ordinal);
        Assert.DoesNotContain("'", message.French, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_names_one_sentence()
    {
        var sentences = All().GroupBy(entry => entry.Message.Code).Where(group => group.Select(entry => entry.Name).Distinct().Count() > 1);
        Assert.Empty(sentences.Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Name))}"));
    }

    [Fact]
    public void Phases_and_sides_are_named_in_French()
    {
        Assert.Equal("Le prestataire a déjà accepté la clôture de la phase « réversibilité ».",
            ContractMessages.ClosureAlreadyAccepted("provider", Phases.Reversibility).French);
        Assert.Equal("La version 3 est « en vigueur » : seul un avenant en cours peut être retiré.",
            ContractMessages.OnlyUnderWayWithdrawn(3, "active").French);
        Assert.Equal("La décision pour la période se terminant le 31/03/2026 est déjà enregistrée : reconduction.",
            ContractMessages.DecisionRecorded(new DateOnly(2026, 3, 31), "renew").French);
    }
}
