import type { FieldChange } from './hooks/contracts'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isLeafArray = (value: unknown) => Array.isArray(value) && value.every((item) => !isRecord(item) && !Array.isArray(item))

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * The leaves that differ between two snapshots (an audit entry's before and after), named by JSON path as the
 * compare call names them ("prices.monthlyFee", "calendar.weekly[1].open"). Lists of plain values are one leaf.
 */
export function changedLeaves(before: unknown, after: unknown, path = ''): FieldChange[] {
  const objects = (isRecord(before) || before == null) && (isRecord(after) || after == null) && (isRecord(before) || isRecord(after))
  if (objects) {
    const left = isRecord(before) ? before : {}
    const right = isRecord(after) ? after : {}
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])]
    return keys.flatMap((key) => changedLeaves(left[key], right[key], path === '' ? key : `${path}.${key}`))
  }
  if (Array.isArray(before) && Array.isArray(after) && !(isLeafArray(before) && isLeafArray(after))) {
    const length = Math.max(before.length, after.length)
    return Array.from({ length }, (_, index) => changedLeaves(before[index], after[index], `${path}[${index}]`)).flat()
  }
  const [left, right] = [display(before), display(after)]
  return left === right ? [] : [{ field: path, before: left, after: right }]
}
