using Infogerance.ServiceLevels;
using Infogerance.Validation;

namespace Infogerance.Contracts.Domain;

/// <summary>The Contracts service's checks of a contract's duration clauses (the dates themselves are shared: <see cref="RenewalTerms"/>).</summary>
public static class RenewalRules
{
    /// <summary>What is wrong with these terms, by field (camelCase, as in the API); empty when they hold together.</summary>
    public static FieldErrors Check(this RenewalTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new FieldErrors();
        if (terms.InitialTermMonths < 1)
        {
            errors.Add("initialTermMonths", ContractMessages.InitialTermTooShort);
        }

        if (terms.RenewalPeriodMonths < 0)
        {
            errors.Add("renewalPeriodMonths", ContractMessages.RenewalPeriodNegative);
        }

        if (terms.NoticeMonths < 0)
        {
            errors.Add("noticeMonths", ContractMessages.NoticeNegative);
        }
        else if (terms.InitialTermMonths >= 1 && terms.NoticeMonths >= terms.InitialTermMonths)
        {
            errors.Add("noticeMonths", ContractMessages.NoticeNotShorterThanTerm);
        }

        return errors;
    }
}
