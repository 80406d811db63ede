using System.Net.Mail;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;

namespace Infogerance.Identity.Domain;

/// <summary>What a name, an e-mail address and a set of roles must be before Identity keeps them.</summary>
public static class AccountRules
{
    public const int MaximumNameLength = 200;

    /// <summary>At least one role, every one of them a role of <paramref name="kind"/>'s organisations, each named once.</summary>
    public static FieldErrors CheckRoles(FieldErrors errors, string field, string[]? roles, OrganisationKind kind)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (roles is null || roles.Length == 0)
        {
            errors.Add(field, IdentityMessages.RolesRequired);
        }
        else if (roles.Except(Roles.Of(kind)).ToList() is { Count: > 0 } unknown)
        {
            errors.Add(field, IdentityMessages.RolesUnknown(kind, unknown));
        }
        else if (roles.Distinct().Count() != roles.Length)
        {
            // A role named twice is a mistake of the caller's, and a list as long as the caller likes is a load of ours.
            errors.Add(field, IdentityMessages.RolesRepeated);
        }

        return errors;
    }

    /// <summary>Every name we keep (people, organisations, service accounts): present, and at most 200 characters.</summary>
    public static FieldErrors CheckName(FieldErrors errors, string field, string? name)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaximumNameLength)
        {
            errors.Add(field, IdentityMessages.NameLength(MaximumNameLength));
        }

        return errors;
    }

    public static FieldErrors CheckEmail(FieldErrors errors, string field, string? email)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(email) || !IsEmail(email.Trim()))
        {
            errors.Add(field, IdentityMessages.EmailInvalid);
        }

        return errors;
    }

    /// <summary>One of the product's languages, as its code: <c>fr</c> or <c>en</c>.</summary>
    public static FieldErrors CheckLanguage(FieldErrors errors, string field, string? language)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (language is null || !Languages.All.Contains(language))
        {
            errors.Add(field, IdentityMessages.LanguageInvalid);
        }

        return errors;
    }

    /// <summary>
    /// An invitation names its person by e-mail and display name, with roles of the inviting organisation's kind,
    /// and may choose their language.
    /// </summary>
    public static FieldErrors CheckInvitation(string? email, string? displayName, string[]? roles, string? language, OrganisationKind kind)
    {
        var errors = CheckRoles(new FieldErrors(), "roles", roles, kind);
        CheckEmail(errors, "email", email);
        CheckName(errors, "displayName", displayName);
        return language is null ? errors : CheckLanguage(errors, "language", language);
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value;
}
