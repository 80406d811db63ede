namespace Infogerance.Identity.Domain;

/// <summary>
/// Length over composition (as NIST SP 800-63B advises), plus the two mistakes people make most: a password
/// without any letter or any digit, and one built on their own e-mail name.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public static IReadOnlyList<string> Check(string? password, string email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return ["A password is required."];
        }

        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"At least {MinimumLength} characters are required.");
        }

        if (password.Length > MaximumLength)
        {
            problems.Add($"At most {MaximumLength} characters are allowed.");
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            problems.Add("Use at least one letter and one digit.");
        }

        var name = email.Split('@')[0];
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The password must not contain your e-mail name.");
        }

        return problems;
    }
}
