using Infogerance.Incidents.Api;
using Infogerance.Incidents.Domain;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Tests;

/// <summary>What the service says in each language: a code that does not change with the language, and no English in French.</summary>
public sealed class TicketMessagesTests
{
    [Fact]
    public void A_text_rule_says_required_or_too_long_with_the_limit()
    {
        var errors = new FieldErrors();
        TextRules.Check(errors, "title", " ", 200, required: true);
        TextRules.Check(errors, "description", new string('x', 20_001), 20_000, required: false);
        TextRules.Check(errors, "reason", null, 1000, required: true, missing: TicketMessages.PriorityReasonRequired);
        TextRules.Check(errors, "team", null, 100, required: false);

        Assert.Equal(["description", "reason", "title"], errors.Fields.Order());
        Assert.Equal(("text.required", "This field is required."), (errors["title"][0].Code, errors["title"][0].English));
        Assert.Equal(("text.length", "At most 20000 characters.", "20 000 caractères au plus."),
            (errors["description"][0].Code, errors["description"][0].English, errors["description"][0].French.Replace('\u202f', ' ').Replace('\u00a0', ' ')));
        Assert.Equal(20_000, errors["description"][0].Parameters["max"]);
        Assert.Equal("ticket.priorityReason.required", errors["reason"][0].Code);
    }

    [Fact]
    public void A_status_reads_as_a_French_adjective_in_a_conflict()
    {
        var message = TicketMessages.PriorityFinal(Statuses.Resolved);

        Assert.Equal(("ticket.priority.final", "The ticket is resolved: its priority is final."), (message.Code, message.English));
        Assert.Equal("Le ticket est résolu : sa priorité est définitive.", Languages.In(Languages.French, () => message.Text));
        Assert.Equal(Statuses.Resolved, message.Parameters["status"]);
    }

    [Fact]
    public void Every_status_has_its_French_name() =>
        Assert.All(Statuses.All, status => Assert.NotEqual(status, TicketMessages.StatusInFrench(status)));

    [Fact]
    public void The_SLA_preview_answers_in_the_caller_s_language_with_the_same_codes()
    {
        var request = new SlaPreviewRequest(null, null, null, [null], null, null);

        var english = Languages.In(Languages.English, () => Errors(request));
        var french = Languages.In(Languages.French, () => Errors(request));

        Assert.Equal(english.Keys.Order(), french.Keys.Order());
        Assert.Equal("The start is required, as an ISO 8601 date and time with its offset.", english["startedAt"].Single());
        Assert.Equal("Indiquez le début, en date et heure ISO 8601 avec son décalage horaire.", french["startedAt"].Single());
        Assert.Equal("La pause est manquante.", french["pauses[0]"].Single());
        Assert.Equal("Le calendrier de service est requis.", french["calendar"].Single());
        Assert.All(french, entry => Assert.DoesNotContain(entry.Value, text => english[entry.Key].Contains(text)));
    }

    [Fact]
    public void Outage_checks_name_each_field_with_a_code()
    {
        var now = new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);
        var errors = OutagesApi.Check(new OutageRequest(null, now.AddHours(1), now.AddHours(2)), now);

        Assert.Equal(
            [("endedAt", "outage.end.future"), ("service", "outage.service.required"), ("startedAt", "outage.start.future")],
            errors.ByField.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Single().Code)));
    }

    private static IDictionary<string, string[]> Errors(SlaPreviewRequest request)
    {
        var problem = Assert.IsType<ProblemHttpResult>(SlaPreviewApi.Preview(request).Result);
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.StatusCode);
        return Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors;
    }
}
