import { buildBenchPlan } from './build-bench-plan.js'
import { heapMB, overwriteStream, sendThrough, tandemTarget } from './tandem-probe.js'
import { startTandem } from './tandem-server.js'

const [skus = '10000', periods = '104', count = '100000'] = process.argv.slice(2)
const plan = buildBenchPlan(Number(skus), Number(periods), 'heap')
const overwrites = overwriteStream(plan, Number(count))
const server = await startTandem(plan, { kind: 'sqlite' }, { epochAfter: 0 })
const base = await heapMB()
await server.app.rooms.open(plan.id)
const open = (await heapMB()) - base
console.log(
  `snapshot ${(plan.snapshot.byteLength / 2 ** 20).toFixed(1)} MB, open room ${open.toFixed(1)} MB`,
)
await sendThrough(tandemTarget(server, plan.id), overwrites)
await new Promise((resolve) => setTimeout(resolve, 2_500))
console.log(`after ${overwrites.length} overwrites ${((await heapMB()) - base).toFixed(1)} MB`)
const epoch = await server.app.rooms.startEpoch(plan.id)
await new Promise((resolve) => setTimeout(resolve, 500))
console.log(
  `epoch ${epoch}; rooms in memory ${server.app.rooms.roomsInMemory}, heap ${((await heapMB()) - base).toFixed(1)} MB`,
)
await server.app.rooms.open(plan.id)
console.log(`new epoch room open ${((await heapMB()) - base).toFixed(1)} MB`)
await server.stop()
process.exit(0)
