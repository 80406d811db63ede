import { describe, expect, it } from 'vitest'
import { draftKey, drafts } from './drafts'

describe('drafts kept when a session ends', () => {
  it('keeps only the forms holding changes, for their owner, and says the session expired', () => {
    const changed = drafts.register(draftKey('/tickets/tk-1', 'comment'), () => ({ body: 'Le serveur redémarre' }))
    const untouched = drafts.register(draftKey('/tickets/tk-1', 'other'), () => undefined)
    drafts.keepAll('u-1')
    changed()
    untouched()

    expect(drafts.sessionExpired()).toBe(true)
    expect(drafts.keptAtExpiry()).toBe(1)
    expect(drafts.find(draftKey('/tickets/tk-1', 'comment'), 'u-1')).toEqual({ body: 'Le serveur redémarre' })
    expect(drafts.has(draftKey('/tickets/tk-1', 'other'), 'u-1')).toBe(false)
    // Another person on the same tab never reads it.
    expect(drafts.find(draftKey('/tickets/tk-1', 'comment'), 'u-2')).toBeUndefined()
  })

  it('forgets a form once it leaves the screen', () => {
    const forget = drafts.register('/a#form', () => 'typed')
    forget()
    drafts.keepAll('u-1')
    expect(drafts.has('/a#form', 'u-1')).toBe(false)
    // The session ended all the same: nothing was being typed.
    expect(drafts.sessionExpired()).toBe(true)
    expect(drafts.keptAtExpiry()).toBe(0)
  })

  it('gives the owner its drafts back after signing in, and drops everyone else’s', () => {
    const mine = drafts.register('/a#form', () => 'mine')
    drafts.keepAll('u-1')
    mine()
    const theirs = drafts.register('/b#form', () => 'theirs')
    drafts.keepAll('u-2')
    theirs()

    drafts.signedIn('u-1')
    expect(drafts.sessionExpired()).toBe(false)
    expect(drafts.find('/a#form', 'u-1')).toBe('mine')
    expect(sessionStorage.getItem('infogerance.draft:/b#form')).toBeNull()
  })

  it('drops every draft on signing out, and a draft once sent', () => {
    const form = drafts.register('/a#form', () => 'typed')
    drafts.keepAll('u-1')
    form()
    drafts.discard('/a#form')
    expect(drafts.has('/a#form', 'u-1')).toBe(false)

    const other = drafts.register('/b#form', () => 'typed')
    drafts.keepAll('u-1')
    other()
    drafts.clear()
    expect(drafts.has('/b#form', 'u-1')).toBe(false)
    expect(drafts.sessionExpired()).toBe(false)
  })

  it('ignores what it cannot read', () => {
    sessionStorage.setItem('infogerance.draft:/a#form', '{not json')
    expect(drafts.find('/a#form', 'u-1')).toBeUndefined()
  })
})
