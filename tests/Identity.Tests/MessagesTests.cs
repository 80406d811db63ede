using System.Globalization;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;

namespace Infogerance.Identity.Tests;

public sealed class AccountRulesTests
{
    [Fact]
    public void An_invitation_names_each_wrong_field_with_its_code()
    {
        var errors = AccountRules.CheckInvitation("not an address", " ", [Roles.AgentL1], "de", OrganisationKind.Client);
        Assert.Equal(["roles", "email", "displayName", "language"], errors.Fields);
        Assert.Equal("roles.unknown", Assert.Single(errors["roles"]).Code);
        Assert.Equal("Not a role of a client organisation: AgentL1.", errors["roles"][0].English);
        Assert.Equal("Ce n'est pas un rôle d'une organisation cliente : AgentL1.", errors["roles"][0].French);
        Assert.Equal("email.invalid", Assert.Single(errors["email"]).Code);
        Assert.Equal("A name of 1 to 200 characters is required.", Assert.Single(errors["displayName"]).English);
        Assert.Equal(200, errors["displayName"][0].Parameters["max"]);
        Assert.Equal("language.invalid", Assert.Single(errors["language"]).Code);
    }

    [Theory]
    [InlineData(Languages.French)]
    [InlineData(Languages.English)]
    public void An_invitation_may_choose_one_of_our_languages(string? language) =>
        Assert.True(AccountRules.CheckInvitation("marie@example.org", "Marie", [Roles.Requester], language, OrganisationKind.Client).IsEmpty);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("fr-FR")]
    public void A_language_is_fr_or_en_exactly(string? language)
    {
        var error = Assert.Single(AccountRules.CheckLanguage(new(), "language", language)["language"]);
        Assert.Equal("language.invalid", error.Code);
        Assert.Equal("Choose \"fr\" or \"en\".", error.English);
        Assert.Equal("Choisissez « fr » ou « en ».", error.French);
    }

    [Fact]
    public void A_sound_invitation_has_no_error() =>
        Assert.True(AccountRules.CheckInvitation("marie@example.org", "Marie", [Roles.Requester], null, OrganisationKind.Client).IsEmpty);

    [Fact]
    public void Roles_are_required() =>
        Assert.Equal("roles.required", Assert.Single(AccountRules.CheckRoles(new(), "roles", [], OrganisationKind.Provider)["roles"]).Code);

    [Fact]
    public void A_role_named_twice_is_refused_however_long_the_list() =>
        Assert.Equal("roles.repeated", Assert.Single(AccountRules.CheckRoles(
            new(), "roles", [.. Enumerable.Repeat(Roles.Requester, 10_000), Roles.Auditor], OrganisationKind.Client)["roles"]).Code);
}

public sealed class InvitationEmailTests
{
    private static readonly NewInvitation Invitation = new(
        new UserAccount(Guid.NewGuid(), Guid.NewGuid(), "marie@example.org", "Marie Curie", [Roles.Requester], UserAccount.Invited,
            Languages.French, null, 0, null, null, DateTimeOffset.UnixEpoch, 1),
        OpaqueToken.Create(OpaqueToken.Invitation, Guid.NewGuid()));

    [Fact]
    public void The_invitation_is_written_in_the_language_it_is_sent_in()
    {
        var (subject, body, html) = InvitationMailer.Compose(Invitation, "Acme", "https://example.org/invitation/x", TimeSpan.FromDays(7), CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Equal("Infogérance — invitation (Acme)", subject);
        Assert.Contains("Vous êtes invité(e) à rejoindre Acme sur Infogérance", body);
        Assert.Contains("dans les 7 jours", body);
        Assert.Contains("https://example.org/invitation/x", body);
        Assert.DoesNotContain("You are invited", body);
        Assert.Contains("<a href=\"https://example.org/invitation/x\">", html);
        Assert.Contains("Vous êtes invité(e) à rejoindre Acme", html);

        (_, body, _) = InvitationMailer.Compose(Invitation, "Acme", "https://example.org/invitation/x", TimeSpan.FromDays(7), CultureInfo.GetCultureInfo("en"));
        Assert.Contains("You are invited to join Acme on Infogérance. Choose your password here (the link works once, within 7 days):", body);
        Assert.DoesNotContain("Vous", body);
    }
}
