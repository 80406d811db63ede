import { useLayoutEffect, useRef } from 'react'
import { useSearchParams } from 'react-router'

/**
 * A page's view as its address keeps it (a list's filters, search and sort; the version of the terms shown), and a
 * change to it made to the latest view asked for, in place of the address's history entry.
 *
 * React Router renders a navigation in a transition, tens of milliseconds after it is asked for: a change made
 * meanwhile (a second select chosen at once, the search box's text sent when its debounce ends) would start from the
 * address still on screen, and its navigation would drop the first change. React Router's own function form is no
 * help: it is given that same address.
 */
export function useViewParams(): [URLSearchParams, (change: (latest: URLSearchParams) => URLSearchParams) => void] {
  const [searchParams, setSearchParams] = useSearchParams()
  const shown = searchParams.toString()
  // The address shown, then those asked for since, not shown yet: the last is the latest.
  const asked = useRef([shown])
  useLayoutEffect(() => {
    const at = asked.current.indexOf(shown)
    // One asked for has been shown: those before it are done. Another (back, a link) is the latest itself.
    asked.current = at >= 0 ? asked.current.slice(at) : [shown]
  }, [shown])
  // Where the browser was when this page was drawn. A change made once it has gone elsewhere (a search sent when its
  // debounce ends, just after a click on a result whose page is still loading) would bring the user back: it is dropped.
  const drawnAt = window.location.pathname
  const change = (next: (latest: URLSearchParams) => URLSearchParams) => {
    if (window.location.pathname !== drawnAt) return
    const params = next(new URLSearchParams(asked.current.at(-1)))
    asked.current = [...asked.current, params.toString()]
    setSearchParams(params, { replace: true })
  }
  return [searchParams, change]
}

/** A change to a view: the values it sets, or a function of the latest view giving them (the next sort's order). */
export type ViewChange<T> = Partial<T> | ((latest: T) => Partial<T>)

/** The latest view with a change made to it. */
export function changed<T>(latest: T, change: ViewChange<T>): T {
  return { ...latest, ...(typeof change === 'function' ? change(latest) : change) }
}
