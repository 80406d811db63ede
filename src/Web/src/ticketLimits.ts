/** The lengths the Incidents API accepts for a ticket's texts (a test holds them to the API's own): typing stops there. */
export const ticketLimits = {
  title: 200,
  /** A description, a comment, a resolution. */
  text: 20_000,
  /** Why a ticket waits, is escalated or takes another priority. */
  reason: 1000,
} as const
