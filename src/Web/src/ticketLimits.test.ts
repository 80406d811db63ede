import { describe, expect, it } from 'vitest'
import server from '../../Incidents/Api/TicketsApi.cs?raw'
import { ticketLimits } from './ticketLimits'

describe("a ticket's text fields", () => {
  it.each([
    ['MaxTitle', ticketLimits.title],
    ['MaxText', ticketLimits.text],
    ['MaxReason', ticketLimits.reason],
  ])('stop where the API refuses: %s', (constant, limit) => {
    const value = new RegExp(`const int ${constant} = ([\\d_]+);`).exec(server)?.[1]
    expect(value).toBeDefined()
    expect(Number(value!.replaceAll('_', ''))).toBe(limit)
  })
})
