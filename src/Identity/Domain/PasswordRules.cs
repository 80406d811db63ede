using Infogerance.Validation;

namespace Infogerance.Identity.Domain;

/// <summary>
/// Length over composition (as NIST SP 800-63B advises), plus the two mistakes people make most: a password
/// without any letter or any digit, and one built on their own e-mail name.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public static readonly Message Required = new("password.required", "A password is required.", "Un mot de passe est requis.");

    public static readonly Message TooShort =
        new Message("password.tooShort", $"At least {MinimumLength} characters are required.", $"Au moins {MinimumLength} caractères sont requis.")
            .With("min", MinimumLength);

    public static readonly Message TooLong =
        new Message("password.tooLong", $"At most {MaximumLength} characters are allowed.", $"{MaximumLength} caractères au plus sont permis.")
            .With("max", MaximumLength);

    public static readonly Message LetterAndDigit =
        new("password.letterAndDigit", "Use at least one letter and one digit.", "Utilisez au moins une lettre et un chiffre.");

    public static readonly Message ContainsEmailName = new(
        "password.containsEmailName",
        "The password must not contain your e-mail name.",
        "Le mot de passe ne doit pas contenir le nom de votre adresse e-mail.");

    public static IReadOnlyList<Message> Check(string? password, string email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [Required];
        }

        var problems = new List<Message>();
        if (password.Length < MinimumLength)
        {
            problems.Add(TooShort);
        }

        if (password.Length > MaximumLength)
        {
            problems.Add(TooLong);
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            problems.Add(LetterAndDigit);
        }

        var name = email.Split('@')[0];
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(ContainsEmailName);
        }

        return problems;
    }
}
