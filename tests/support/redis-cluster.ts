import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { RedisServer } from './redis-server.js'
import { startRedisServer } from './redis-server.js'

const run = promisify(execFile)
const READY_TIMEOUT_MS = 20_000

/** A throwaway Redis Cluster of masters on loopback, for one test file. */
export interface RedisCluster {
  /** Every master's URL, comma-separated: the `REDIS_URL` form that selects the cluster client. */
  url: string
  /** The masters as started, one slot range each. */
  masters: RedisServer[]
  /** The index in `masters` of the master that serves `key`'s slot now. */
  masterOf(key: string): Promise<number>
  /** Adds a replica of `masters[index]` and resolves once it has synced. */
  addReplica(index: number): Promise<RedisServer>
  /** Promotes `replica` with `CLUSTER FAILOVER` and resolves once every node agrees. */
  failover(replica: RedisServer): Promise<void>
  /**
   * Kills `masters[index]` (SIGKILL, a crash) and resolves once the cluster has promoted
   * `replica` by itself and is whole again.
   */
  crashMaster(index: number, replica: RedisServer): Promise<void>
  stop(): Promise<void>
}

const CLUSTER_ARGS = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']
// A short node timeout: a replica notices a dead master within a second; a replica's first sync
// starts at once instead of after the default 5 s wait for other replicas.
CLUSTER_ARGS.push('--cluster-node-timeout', '1000', '--repl-diskless-sync-delay', '0')

/**
 * Starts `count` cluster-enabled redis-servers, joins them with `redis-cli --cluster create`
 * (no replicas) and resolves once every node reports `cluster_state:ok` and knows every node.
 */
export async function startRedisCluster(count = 3): Promise<RedisCluster> {
  const nodes: RedisServer[] = []
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()))
  }
  try {
    for (let i = 0; i < count; i++) nodes.push(await startRedisServer({ extraArgs: CLUSTER_ARGS }))
    const masters = [...nodes]
    await run('redis-cli', [
      '--cluster',
      'create',
      ...masters.map((node) => `127.0.0.1:${node.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ])
    await waitForCluster(nodes)
    return {
      url: masters.map((node) => node.url).join(','),
      masters,
      async masterOf(key) {
        const slot = Number(await cli(masters[0].port, 'CLUSTER', 'KEYSLOT', key))
        for (const [index, master] of masters.entries()) {
          const own = (await cli(master.port, 'CLUSTER', 'NODES'))
            .split('\n')
            .find((line) => line.includes('myself'))
          const ranges = (own ?? '').split(' ').slice(8)
          const serves = ranges.some((range) => {
            const [from, to = from] = range.split('-').map(Number)
            return slot >= from && slot <= to
          })
          if (serves) return index
        }
        throw new Error(`no master serves slot ${slot} of ${key}`)
      },
      async addReplica(index) {
        const replica = await startRedisServer({ extraArgs: CLUSTER_ARGS })
        nodes.push(replica)
        const masterId = (await cli(masters[index].port, 'CLUSTER', 'MYID')).trim()
        await run('redis-cli', [
          '--cluster',
          'add-node',
          `127.0.0.1:${replica.port}`,
          `127.0.0.1:${masters[index].port}`,
          '--cluster-slave',
          '--cluster-master-id',
          masterId,
        ])
        await until(
          async () => /master_link_status:up/.test(await cli(replica.port, 'INFO', 'replication')),
          `replica ${replica.port} syncs`,
        )
        // The master counts it online (ROLE, which appends wait on) after its first
        // acknowledgement, up to a second after the replica says its link is up.
        await until(
          async () =>
            (await cli(masters[index].port, 'ROLE')).split('\n').includes(String(replica.port)),
          `master ${masters[index].port} lists replica ${replica.port} as online`,
        )
        // A failover needs the votes of masters that know the node as this master's replica.
        const replicaId = (await cli(replica.port, 'CLUSTER', 'MYID')).trim()
        await until(async () => {
          const views = await Promise.all(nodes.map((node) => cli(node.port, 'CLUSTER', 'NODES')))
          return views.every((view) =>
            view.split('\n').some((line) => {
              const [id, , flags, master] = line.split(' ')
              return id === replicaId && flags.split(',').includes('slave') && master === masterId
            }),
          )
        }, `every node sees ${replica.port} as a replica`)
        await waitForCluster(nodes)
        return replica
      },
      async failover(replica) {
        // A manual failover that does not complete within Redis's 5 s is dropped: ask again.
        let asked = 0
        await until(async () => {
          if (Date.now() >= asked + 3_000) {
            asked = Date.now()
            await cli(replica.port, 'CLUSTER', 'FAILOVER')
          }
          return (await cli(replica.port, 'ROLE')).startsWith('master')
        }, `replica ${replica.port} becomes master`)
        const id = (await cli(replica.port, 'CLUSTER', 'MYID')).trim()
        await until(async () => {
          const views = await Promise.all(nodes.map((node) => cli(node.port, 'CLUSTER', 'NODES')))
          return views.every((view) =>
            view
              .split('\n')
              .some(
                (line) => line.startsWith(id) && line.split(' ')[2].split(',').includes('master'),
              ),
          )
        }, `every node sees ${replica.port} as master`)
        await waitForCluster(nodes)
      },
      async crashMaster(index, replica) {
        const dead = masters[index]
        await dead.kill('SIGKILL')
        const alive = nodes.filter((node) => node !== dead)
        await until(
          async () => (await cli(replica.port, 'ROLE')).startsWith('master'),
          `replica ${replica.port} takes over from the crashed master`,
        )
        await until(async () => {
          const infos = await Promise.all(alive.map((node) => cli(node.port, 'CLUSTER', 'INFO')))
          return infos.every((info) => info.includes('cluster_state:ok'))
        }, 'cluster_state:ok on every live node')
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

async function waitForCluster(nodes: RedisServer[]): Promise<void> {
  await until(async () => {
    const infos = await Promise.all(nodes.map((node) => cli(node.port, 'CLUSTER', 'INFO')))
    return infos.every(
      (info) =>
        info.includes('cluster_state:ok') &&
        info.includes('cluster_slots_ok:16384') &&
        info.includes(`cluster_known_nodes:${nodes.length}`),
    )
  }, 'cluster_state:ok on every node')
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), ...args])
  return stdout
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`Redis Cluster: ${what} did not happen within ${READY_TIMEOUT_MS} ms`)
}
