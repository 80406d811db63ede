using Infogerance.Identity.Domain;

namespace Infogerance.Identity.Tests;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Correct-horse-42", true)]
    [InlineData("abcdefghijk1", true)]               // exactly 12
    [InlineData("abcdefghij1", false)]               // 11
    [InlineData("abcdefghijklmnop", false)]          // no digit
    [InlineData("123456789012345", false)]           // no letter
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Length_letters_and_digits(string? password, bool accepted) =>
        Assert.Equal(accepted, PasswordRules.Check(password, "someone@example.org").Count == 0);

    [Fact]
    public void A_password_built_on_the_e_mail_name_is_refused_whatever_the_case() =>
        Assert.Contains(PasswordRules.Check("MARIE.CURIE-2026", "marie.curie@example.org"),
            p => p.English.Contains("e-mail") && p.Code == "password.containsEmailName");

    [Fact]
    public void Very_long_passwords_are_refused_before_hashing() =>
        Assert.Contains(PasswordRules.Check(new string('a', 128) + "1", "x@example.org"),
            p => p.Code == "password.tooLong" && Equals(p.Parameters["max"], PasswordRules.MaximumLength));

    [Fact]
    public void Each_refusal_names_its_rule_by_code_and_its_limit_as_a_parameter()
    {
        var problems = PasswordRules.Check("short", "someone@example.org");
        Assert.Equal(["password.tooShort", "password.letterAndDigit"], problems.Select(p => p.Code));
        Assert.Equal("At least 12 characters are required.", problems[0].English);
        Assert.Equal("Au moins 12 caractères sont requis.", problems[0].French);
        Assert.Equal(12, problems[0].Parameters["min"]);
        Assert.Equal("password.required", Assert.Single(PasswordRules.Check(null, "someone@example.org")).Code);
    }
}

public sealed class LockoutPolicyTests
{
    private static readonly LockoutPolicy Policy = new(MaxFailures: 5, Duration: TimeSpan.FromMinutes(15), MaxAccountFailures: 20, KnownAddressFor: TimeSpan.FromDays(30));
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_failure_in_a_row_pauses_the_address_for_the_duration_and_resets_its_count()
    {
        var address = FailureCount.None;
        var account = FailureCount.None;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (address, account) = Policy.AfterFailure(address, account, Now);
            Assert.Null(address.PausedUntil);
            Assert.Equal(attempt, address.Failures);
        }

        (address, account) = Policy.AfterFailure(address, account, Now);
        Assert.Equal(0, address.Failures);
        Assert.Equal(Now.AddMinutes(15), address.PausedUntil);
        Assert.Equal(5, account.Failures);
        Assert.Null(account.PausedUntil);
        Assert.True(Policy.Refuses(new AddressRecord(address, null), account, Now));
    }

    [Fact]
    public void A_pause_holds_until_its_end_and_not_a_tick_longer()
    {
        var paused = new AddressRecord(new FailureCount(0, Now, Now.AddMinutes(15)), null);
        Assert.True(Policy.Refuses(paused, FailureCount.None, Now));
        Assert.True(Policy.Refuses(paused, FailureCount.None, Now.AddMinutes(15).AddTicks(-1)));
        Assert.False(Policy.Refuses(paused, FailureCount.None, Now.AddMinutes(15)));
        Assert.False(Policy.Refuses(AddressRecord.New, FailureCount.None, Now));
    }

    [Fact]
    public void Another_address_is_not_paused_by_this_ones_failures()
    {
        var (address, account) = (FailureCount.None, FailureCount.None);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (address, account) = Policy.AfterFailure(address, account, Now);
        }

        Assert.True(Policy.Refuses(new AddressRecord(address, null), account, Now));
        Assert.False(Policy.Refuses(AddressRecord.New, account, Now));
    }

    [Fact]
    public void Failures_older_than_the_pause_are_forgotten()
    {
        var address = new FailureCount(4, Now.AddMinutes(-15), null);
        var (after, _) = Policy.AfterFailure(address, FailureCount.None, Now);
        Assert.Equal(1, after.Failures);
        Assert.Null(after.PausedUntil);

        var recent = new FailureCount(4, Now.AddMinutes(-14), null);
        Assert.Equal(Now.AddMinutes(15), Policy.AfterFailure(recent, FailureCount.None, Now).Address.PausedUntil);
    }

    [Fact]
    public void Guessing_from_many_addresses_pauses_the_account_for_unknown_addresses_only()
    {
        var account = FailureCount.None;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            (_, account) = Policy.AfterFailure(FailureCount.None, account, Now);
        }

        Assert.Equal(Now.AddMinutes(15), account.PausedUntil);
        Assert.True(Policy.Refuses(AddressRecord.New, account, Now));
        var usual = new AddressRecord(FailureCount.None, Now.AddDays(-29));
        Assert.False(Policy.Refuses(usual, account, Now));
        var forgotten = new AddressRecord(FailureCount.None, Now.AddDays(-30));
        Assert.True(Policy.Refuses(forgotten, account, Now));
    }

    [Fact]
    public void A_failure_during_a_pause_keeps_the_pause_without_extending_it()
    {
        var account = new FailureCount(3, Now.AddMinutes(-1), Now.AddMinutes(10));
        var (_, after) = Policy.AfterFailure(FailureCount.None, account, Now);
        Assert.Equal(Now.AddMinutes(10), after.PausedUntil);
        Assert.Equal(4, after.Failures);
    }
}

public sealed class SessionPolicyTests
{
    private static readonly SessionPolicy Policy = new(IdleTimeout: TimeSpan.FromMinutes(30), Lifetime: TimeSpan.FromHours(10));
    private static readonly DateTimeOffset Start = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero); // the night clocks change in Paris

    [Fact]
    public void A_session_used_regularly_lives_until_its_absolute_end()
    {
        var expires = Start + Policy.Lifetime;
        Assert.True(Policy.IsAlive(lastSeenAt: expires.AddMinutes(-1), expires, now: expires.AddSeconds(-1)));
        Assert.False(Policy.IsAlive(lastSeenAt: expires.AddMinutes(-1), expires, now: expires));
    }

    [Fact]
    public void An_idle_session_ends_after_the_idle_timeout_measured_in_utc()
    {
        var expires = Start + Policy.Lifetime;
        Assert.True(Policy.IsAlive(Start, expires, Start.AddMinutes(30).AddTicks(-1)));
        Assert.False(Policy.IsAlive(Start, expires, Start.AddMinutes(30)));
    }

    [Fact]
    public void Default_token_lifetime_and_validators_skew_make_a_deactivation_bite_within_a_minute()
    {
        var settings = new IdentitySettings();
        Assert.True(settings.AccessTokenLifetime + TimeSpan.FromSeconds(5) <= TimeSpan.FromMinutes(1));
        Assert.True(settings.KeyPublicationLead > TimeSpan.FromMinutes(10)); // the services re-read the JWKS every 10 minutes
    }
}

public sealed class OpaqueTokenTests
{
    private static readonly Guid Organisation = Guid.CreateVersion7();

    [Fact]
    public void A_token_names_its_organisation_and_parses_back()
    {
        var token = OpaqueToken.Create(OpaqueToken.Session, Organisation);
        var parsed = OpaqueToken.Parse(OpaqueToken.Session, token.Value);
        Assert.Equal(token, parsed);
        Assert.Equal(Organisation, parsed!.OrganisationId);
        Assert.Equal(token.Hash, parsed.Hash);
    }

    [Fact]
    public void Tokens_are_unguessable_and_distinct()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => OpaqueToken.Create(OpaqueToken.ApiKey, Organisation).Value).ToHashSet();
        Assert.Equal(1000, tokens.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ses_not-a-guid_abc")]
    [InlineData("inv_0196000000007000800000000000a001_short")]
    public void Malformed_tokens_do_not_parse(string? value) => Assert.Null(OpaqueToken.Parse(OpaqueToken.Session, value));

    [Fact]
    public void A_token_of_one_kind_is_not_accepted_as_another()
    {
        var invitation = OpaqueToken.Create(OpaqueToken.Invitation, Organisation);
        Assert.Null(OpaqueToken.Parse(OpaqueToken.Session, invitation.Value));
        Assert.Null(OpaqueToken.Parse(OpaqueToken.ApiKey, invitation.Value));
    }

    [Fact]
    public void The_shown_prefix_of_an_api_key_is_a_stable_start_of_it()
    {
        var key = OpaqueToken.Create(OpaqueToken.ApiKey, Organisation);
        Assert.StartsWith(key.Prefix, key.Value);
        Assert.Equal("ifgk_".Length + 32 + 1 + 6, key.Prefix.Length);
    }
}
