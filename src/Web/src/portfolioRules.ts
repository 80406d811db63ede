import type { NotificationKind } from './hooks/notifications'
import { portfolioSorts, type PortfolioQuery, type PortfolioSort, type Trend } from './hooks/portfolio'

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/

/** A month as the API reads it (yyyy-MM); anything else is left out of the query. */
export const isMonth = (value: string | null): value is string => value !== null && monthPattern.test(value)

/** The portfolio's query from the page's address: a malformed month or an unknown sort falls back to the defaults. */
export function portfolioQueryOf(params: URLSearchParams): PortfolioQuery {
  const month = params.get('month')
  const sort = params.get('sort')
  return {
    month: isMonth(month) ? month : null,
    sort: portfolioSorts.includes(sort as PortfolioSort) ? (sort as PortfolioSort) : 'reference',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  }
}

/** Clicking a column sorts on it ascending, clicking it again reverses the order. */
export function nextSort(query: PortfolioQuery, column: PortfolioSort): Pick<PortfolioQuery, 'sort' | 'order'> {
  return { sort: column, order: query.sort === column && query.order === 'asc' ? 'desc' : 'asc' }
}

/** Green when the figure moved the better way, red the worse, grey when it held. */
export function trendColor(trend: Trend): string {
  if (trend.direction === 'flat' || trend.direction === null) return 'gray'
  return (trend.direction === 'up') === trend.upIsGood ? 'green' : 'red'
}

/** The notifications that ask the client's managers to decide: accept, approve, countersign, control or give notice. */
export const awaitingKinds: readonly NotificationKind[] = [
  'amendmentProposed',
  'checklistItemToAccept',
  'phaseReadyToClose',
  'phaseClosureProposed',
  'reviewAwaitingApproval',
  'invoiceControlled',
  'noticeDeadlineApproaching',
]

/** How many of the portfolio's contracts the home page shows: the whole list is one click away. */
export const compactRows = 5
