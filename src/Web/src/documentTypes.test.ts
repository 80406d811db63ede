import { describe, expect, it } from 'vitest'
import server from '../../BuildingBlocks/Documents/DocumentTypes.cs?raw'
import { acceptedExtensions, acceptAttribute, maxDocumentBytes } from './documentTypes'

describe('accepted documents', () => {
  it('are the extensions the server accepts, in its order', () => {
    const list = /AcceptedExtensions \{ get; \} = \[([^\]]*)\]/.exec(server)?.[1]
    expect(list).toBeDefined()
    expect([...list!.matchAll(/"([^"]+)"/g)].map((match) => match[1])).toEqual([...acceptedExtensions])
  })

  it('stop at the size the server refuses beyond', () => {
    const size = /const long MaxBytes = ([\d\s*]+);/.exec(server)?.[1]
    expect(size).toBeDefined()
    expect(size!.split('*').reduce((product, factor) => product * Number(factor.trim()), 1)).toBe(maxDocumentBytes)
  })

  it('are offered to the file picker, a log included', () => {
    expect(acceptAttribute.split(',')).toContain('.log')
  })
})
