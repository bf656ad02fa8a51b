import { mondayOf, periodKey } from '@tandem/shared'
import { MEASURE_NAMES, PLAN_COLUMN_HEADERS, PLAN_COLUMNS } from './plan-columns.js'
import { HISTORY_SHEET_NAME, PRODUCTION_SHEET_NAME } from './history-sheet.js'
import type { SheetOut } from './sheet-out.js'
import type { SheetCell } from './sheet-table.js'

const PERIODS = 13

/**
 * The downloadable import template: a Plan sheet with the headers and example rows (13 weeks
 * from the Monday of `today`), a Settings sheet, Sites and Transfers sheets (one product at two
 * sites and a transfer between them), a Demand history sheet (actual demand of the weeks before),
 * a Production history sheet (actual production of those weeks, for plan attainment) and a
 * README sheet explaining each column.
 */
export function importTemplate(today = new Date()): SheetOut[] {
  const first = mondayOf(today)
  const keys = Array.from({ length: PERIODS }, (_, p) => periodKey('week', first, p))
  const demand = keys.map((_, p) => 100 + 10 * (p % 4))
  const supply = keys.map(() => 110)
  const capacity = keys.map(() => 500)
  const plan: SheetCell[][] = [
    [...PLAN_COLUMNS.map((c) => PLAN_COLUMN_HEADERS[c][0]), ...keys],
    [
      'Juice',
      'SKU-0001',
      'Orange juice 1 L',
      'SH',
      'cs',
      'SH-L1',
      250,
      120,
      600,
      3.5,
      2.1,
      1,
      100,
      50,
      'demand',
      ...demand,
    ],
    [
      'Juice',
      'SKU-0001',
      '',
      '',
      '',
      '',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'supply',
      ...supply,
    ],
    [
      'Juice',
      'SKU-0002',
      'Orange juice 1 L',
      'HAM',
      'cs',
      '',
      50,
      40,
      300,
      3.5,
      2.1,
      null,
      null,
      null,
      'demand',
      ...keys.map(() => 60),
    ],
    [
      'Juice',
      'SKU-0002',
      '',
      '',
      '',
      '',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'supply',
      ...keys.map(() => 0),
    ],
    [
      '',
      'SH-L1',
      'Shanghai line 1',
      'SH',
      '',
      '',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'capacity',
      ...capacity,
    ],
  ]
  const before = Array.from({ length: 6 }, (_, p) => periodKey('week', first, p - 6))
  const history: SheetCell[][] = [
    ['SKU', ...before],
    ['SKU-0001', 96, 104, 99, 180, 101, 97],
  ]
  const production: SheetCell[][] = [
    ['SKU', ...before],
    ['SKU-0001', 110, 110, 95, 110, 104, 110],
  ]
  const readme: SheetCell[][] = [
    ['Column', '中文', 'What it holds'],
    ...PLAN_COLUMNS.map((column) => [
      PLAN_COLUMN_HEADERS[column][0],
      PLAN_COLUMN_HEADERS[column].at(-1) ?? '',
      COLUMN_HELP[column],
    ]),
    ['2026-W49 …', '', PERIOD_HELP],
    [],
    ['Rows', '', ROWS_HELP],
    [
      'Measures',
      '',
      `demand (${MEASURE_NAMES.demand[1]}), supply (${MEASURE_NAMES.supply[1]}), capacity (${MEASURE_NAMES.capacity[1]})`,
    ],
    ['Settings sheet', '', SETTINGS_HELP],
    ['Values', '', VALUES_HELP],
    ['Update a plan', '', UPDATE_HELP],
    [HISTORY_SHEET_NAME, '', HISTORY_HELP],
    [PRODUCTION_SHEET_NAME, '', PRODUCTION_HELP],
    ['Sites sheet', '', SITES_HELP],
    ['Transfers sheet', '', TRANSFERS_HELP],
  ]
  return [
    {
      name: 'Plan',
      rows: plan,
      widths: [14, 12, 22, 8, 6, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
    },
    {
      name: 'Settings',
      rows: [
        ['Key', 'Value'],
        ['name', 'My plan'],
        ['unit', 'cs'],
        ['decimals', 0],
        ['maxValue', 1_000_000_000],
        ['frozenThrough', 'none'],
      ],
      widths: [16, 30],
    },
    {
      name: 'Sites',
      rows: [
        ['Site', 'Name', 'Country'],
        ['SH', 'Shanghai', 'China'],
        ['HAM', 'Hamburg', 'Germany'],
      ],
      widths: [10, 24, 16],
    },
    {
      name: 'Transfers',
      rows: [
        ['Transfer', 'From SKU', 'To SKU', 'Period', 'Lead time', 'Quantity'],
        ['TR-001', 'SKU-0001', 'SKU-0002', keys[1], 4, 300],
      ],
      widths: [10, 14, 14, 10, 10, 10],
    },
    { name: HISTORY_SHEET_NAME, rows: history, widths: [14] },
    { name: PRODUCTION_SHEET_NAME, rows: production, widths: [14] },
    { name: 'README', rows: readme, widths: [16, 10, 100] },
  ]
}

const COLUMN_HELP: Record<(typeof PLAN_COLUMNS)[number], string> = {
  family: 'Product family the SKU rolls up into.',
  sku: 'SKU id (letters, digits, . _ -; up to 64). On a capacity row: the resource id.',
  name: 'SKU name. On a capacity row: the resource name.',
  site: 'Site (plant or warehouse), one of the Sites sheet when there is one. On a capacity row: the resource site.',
  unit: 'Unit of measure, such as cs.',
  resource: 'Id of the resource whose capacity the SKU loads; it needs a capacity row.',
  openingStock: 'Stock on hand before the first period.',
  safetyStock: 'Level below which a gap is raised.',
  maxStock: 'Level above which stock is excess.',
  price: 'Selling price of one unit, for revenue and revenue at risk (0 or blank: not known).',
  unitCost: 'Cost of one unit in stock, for inventory value (0 or blank: not known).',
  leadTime: 'Whole periods from releasing a production order to receiving it (supply proposal).',
  minBatch: 'Smallest quantity one production order may have (supply proposal; 0 or blank: none).',
  lotSize: 'Production orders are whole multiples of this (supply proposal; 0 or blank: any).',
  measure: 'demand, supply or capacity.',
}
const PERIOD_HELP =
  'One column per period, consecutive: ISO weeks (2026-W49) or months (2026-12). The first gives the plan start.'
const ROWS_HELP =
  'One row per SKU and measure (demand, supply). Item columns may be left blank on the second row of a SKU. Capacity rows: Measure = capacity, the resource id in SKU.'
const SETTINGS_HELP =
  'Optional: name, unit, decimals (0-6), maxValue, frozenThrough (a period such as 2026-W50, or none).'
const VALUES_HELP =
  'Plain numbers, 0 or more; a blank cell is 0. Formulas are not read: paste values. Text starting with a quote then = + - @ loses the quote.'
const UPDATE_HELP =
  'The same layout updates the demand and supply of an existing plan: only changed, non-blank cells are written.'
const SITES_HELP =
  'Optional: the plants and warehouses, one per row: Site (id), Name, Country. When given, every SKU and resource Site must be one of them. Read when a file creates a plan.'
const TRANSFERS_HELP =
  'Optional: stock moved between sites, one per row: Transfer (id), From SKU, To SKU (the same product at another site), Period it ships (2026-W49), Lead time (whole periods; it arrives Period + Lead time), Quantity. Demand at the source, supply at the destination. Read when a file creates a plan.'
const HISTORY_HELP =
  'Optional, when updating a plan (planners): actual demand. Column SKU, then one column per period (2026-W49 or 2026-12) from three years before the plan start to its end. A blank cell changes nothing.'
const PRODUCTION_HELP =
  'Optional, when updating a plan (planners): actual production, for plan attainment in the Accuracy report. The layout of the Demand history sheet (SKU, then one column per period); a blank cell changes nothing.'
