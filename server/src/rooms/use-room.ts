import { ApiProblem } from '../http/api-problem.js'
import type { Room } from './room.js'
import type { RoomRegistry } from './room-registry.js'

/** Runs `use` on a plan's live room, which stays loaded only as long as someone needs it. */
export async function useRoom<T>(
  rooms: RoomRegistry,
  planId: string,
  use: (room: Room) => Promise<T> | T,
): Promise<T> {
  const room = await rooms.open(planId)
  if (!room) throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
  try {
    return await use(room)
  } finally {
    rooms.release(room)
  }
}
