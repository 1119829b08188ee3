// Arranges the month's category rows under their groups, in the order of the lists.
import type { Category, CategoryMonth, Group } from '../api/client'

export interface TableRow {
  row: CategoryMonth
  category: Category | undefined
}

export interface TableGroup {
  group: Group
  rows: TableRow[]
}

export function arrange(
  groups: Group[],
  categories: Category[],
  rows: CategoryMonth[],
  showHidden: boolean,
): TableGroup[] {
  const byCategory = new Map(rows.map((r) => [r.category_id, r]))
  const seen = new Set<string>()
  const out: TableGroup[] = []
  for (const group of groups) {
    if (group.hidden && !showHidden) continue
    const inGroup: TableRow[] = []
    for (const category of categories) {
      if (category.group_id !== group.id || category.kind === 'income') continue
      if (category.hidden && !showHidden) continue
      const row = byCategory.get(category.id)
      if (!row) continue
      seen.add(category.id)
      inGroup.push({ row, category })
    }
    // Rows the category list has not caught up with yet still show.
    for (const row of rows) {
      if (row.group_id === group.id && !seen.has(row.category_id) && !categories.some((c) => c.id === row.category_id)) {
        inGroup.push({ row, category: undefined })
      }
    }
    // The built-in card payments group shows once there is a card.
    if (group.system && inGroup.length === 0) continue
    out.push({ group, rows: inGroup })
  }
  return out
}
