import { DEFAULT_EPOCH_AFTER } from '@tandem/server'
import { buildBenchPlan } from './build-bench-plan.js'
import { overwriteLive } from './overwrite-live.js'
import { heapMB, openApplied } from './tandem-probe.js'
import { startTandem } from './tandem-server.js'

// `heap-epoch-probe.ts [skus periods overwrites epochAfter]`, with --expose-gc: the heap of an
// open room, after the overwrites (automatic epochs at `epochAfter`), and after one more epoch.
const [skus = '10000', periods = '104', count = '100000', epochAfter] = process.argv.slice(2)
const plan = buildBenchPlan(Number(skus), Number(periods), 'heap')
const server = await startTandem(
  plan,
  { kind: 'sqlite' },
  { epochAfter: Number(epochAfter ?? DEFAULT_EPOCH_AFTER) },
)
const base = await heapMB()
await openApplied(server, plan.id)
const open = (await heapMB()) - base
console.log(
  `snapshot ${(plan.snapshot.byteLength / 2 ** 20).toFixed(1)} MB, open room ${open.toFixed(1)} MB`,
)
const { saved, epochs } = await overwriteLive(server, plan.id, Number(count))
await new Promise((resolve) => setTimeout(resolve, 2_500))
await openApplied(server, plan.id)
const stored = await server.store.log.loadPlan(plan.id)
console.log(
  `after ${saved} overwrites (${epochs} automatic epochs, stored epoch ${stored?.documentEpoch}) ` +
    `${((await heapMB()) - base).toFixed(1)} MB`,
)
const epoch = await server.app.rooms.startEpoch(plan.id)
await new Promise((resolve) => setTimeout(resolve, 500))
console.log(
  `epoch ${epoch}; rooms in memory ${server.app.rooms.roomsInMemory}, heap ${((await heapMB()) - base).toFixed(1)} MB`,
)
await openApplied(server, plan.id)
console.log(`new epoch room open ${((await heapMB()) - base).toFixed(1)} MB`)
await server.stop()
process.exit(0)
