import { describe, expect, it } from 'vitest'
import en from './en.json'
import fr from './fr.json'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'string') result.set(path, value)
    else for (const [nested, text] of flatten(value, path)) result.set(nested, text)
  }
  return result
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort()

describe('translations', () => {
  const french = flatten(fr)
  const english = flatten(en)

  it('have exactly the same keys in French and English', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('have no empty text', () => {
    const empty = [...french, ...english].filter(([, text]) => text.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it('use the same interpolation variables in both languages', () => {
    const different = [...english].filter(([key, text]) => {
      const other = french.get(key)
      return other !== undefined && variables(other).join() !== variables(text).join()
    })
    expect(different.map(([key]) => key)).toEqual([])
  })

  it('say, as the SLA rule does, that the first public answer or the first status change stops the response clock', () => {
    expect(english.get('tickets.comments.publicHelp')).toMatch(/first public answer or first status change \(taking the ticket included\)/)
    expect(french.get('tickets.comments.publicHelp')).toMatch(/première réponse publique du support ou son premier changement de statut/)
  })
})
