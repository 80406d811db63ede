using Infogerance.Contracts.Domain;

namespace Infogerance.Contracts.Tests;

public sealed class InventoryRulesTests
{
    private static readonly InventoryItemInput Valid = new("server", "SRV-01", 2, "high", "Salle A");

    private static Dictionary<string, string[]> Check(InventoryItemInput item) => InventoryRules.Check(item).English();

    private static Dictionary<string, string[]> Check(RequirementInput requirement) => RequirementRules.Check(requirement).English();

    [Fact]
    public void A_complete_item_has_no_errors()
    {
        Assert.Empty(Check(Valid));
        Assert.Empty(Check(Valid with { Location = null }));
    }

    [Fact]
    public void The_lists_are_the_codes_of_the_api()
    {
        Assert.Equal(["server", "workstation", "network", "software", "licence", "fileShare", "database", "other"], InventoryRules.Types);
        Assert.Equal(["low", "medium", "high", "critical"], InventoryRules.Criticalities);
    }

    [Theory]
    [InlineData("server")]
    [InlineData("workstation")]
    [InlineData("network")]
    [InlineData("software")]
    [InlineData("licence")]
    [InlineData("fileShare")]
    [InlineData("database")]
    [InlineData("other")]
    public void Every_type_code_is_accepted(string type) => Assert.Empty(Check(Valid with { Type = type }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Server")]       // codes are exact: labels are the importer's business, not the rules'
    [InlineData("fileshare")]
    [InlineData("printer")]
    public void Anything_else_is_not_a_type(string? type) => Assert.Equal(["type"], Check(Valid with { Type = type }).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("High")]
    [InlineData("urgent")]
    public void Criticality_is_one_of_the_codes(string? criticality) =>
        Assert.Equal(["criticality"], Check(Valid with { Criticality = criticality }).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_name_is_required(string? name) => Assert.Equal(["name"], Check(Valid with { Name = name }).Keys);

    [Fact]
    public void Name_and_location_are_at_most_200_characters()
    {
        Assert.Empty(Check(Valid with { Name = new string('n', 200), Location = new string('l', 200) }));
        var errors = Check(Valid with { Name = new string('n', 201), Location = new string('l', 201) });
        Assert.Equal(["location", "name"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1_000_000, true)]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1_000_001, false)]
    [InlineData(null, false)]
    public void Quantity_runs_from_1_to_a_million(int? quantity, bool valid) =>
        Assert.Equal(valid, !Check(Valid with { Quantity = quantity }).ContainsKey("quantity"));

    [Fact]
    public void Every_problem_is_reported_at_once_under_camel_case_keys()
    {
        var errors = Check(new InventoryItemInput(null, null, null, null, new string('x', 300)));
        Assert.Equal(["criticality", "location", "name", "quantity", "type"], errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void A_requirement_needs_its_three_texts()
    {
        Assert.Empty(Check(new RequirementInput("Support", "P1 resolved in 4 h", "95 % of P1 in 4 h over a quarter")));
        var errors = Check(new RequirementInput(" ", null, ""));
        Assert.Equal(["acceptanceCriterion", "category", "expectedLevel"], errors.Keys.Order());
    }

    [Fact]
    public void Requirement_texts_have_length_limits()
    {
        Assert.Empty(Check(new RequirementInput(new string('c', 100), new string('e', 2_000), new string('a', 2_000))));
        var errors = Check(new RequirementInput(new string('c', 101), new string('e', 2_001), new string('a', 2_001)));
        Assert.Equal(["acceptanceCriterion", "category", "expectedLevel"], errors.Keys.Order());
    }

    [Fact]
    public void Each_rule_has_its_code_and_its_French_text()
    {
        var errors = InventoryRules.Check(new InventoryItemInput("printer", null, 0, null, new string('x', 201)));
        Assert.Equal(
            ["criticality", "inventory.criticality.required", "location", "inventory.location.length", "name", "inventory.name.required",
             "quantity", "inventory.quantity.range", "type", "inventory.type.unknown"],
            errors.Codes().OrderBy(entry => entry.Key, StringComparer.Ordinal).SelectMany(entry => new[] { entry.Key, entry.Value.Single() }));
        // French groups thousands with a (narrow) no-break space, whichever the platform's culture data chose.
        Assert.Equal("La quantité est un nombre entier de 1 à 1 000 000.", errors["quantity"].Single().French.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal(1_000_000, errors["quantity"].Single().Parameters["max"]);

        var requirement = RequirementRules.Check(new RequirementInput(null, "x", new string('a', 2_001)));
        Assert.Equal("requirement.category.required", requirement["category"].Single().Code);
        Assert.Equal("Le critère d’acceptation comporte au plus 2000 caractères.", requirement["acceptanceCriterion"].Single().French);
    }
}
