/** Writer slots use small client ids, so (client, clock) packs into one safe integer. */
export const FIRST_CLIENT_ID = 1000

/** (client, clock) of an update's first struct, packed into one number. */
export function editKey(client: number, clock: number): number {
  return client * 1e8 + clock
}

/** The client id in an {@link editKey}. */
export function keyClient(key: number): number {
  return Math.floor(key / 1e8)
}

/** The client id of a writer slot. */
export function slotClient(slot: number): number {
  return FIRST_CLIENT_ID + slot
}
