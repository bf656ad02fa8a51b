import * as encoding from 'lib0/encoding';
/** Content refs of the Yjs v1 encoding, as far as crafted structs need them. */
export const CONTENT = { gc: 0, deleted: 1, json: 2, string: 4, any: 8 };
/**
 * Encodes a v1 update holding one struct by hand, so that a test can send structs no Yjs
 * client would produce: empty or huge lengths, GCs, odd parents.
 *  - `gc`: a GC struct of `length` clocks;
 *  - `deleted`: an item with ContentDeleted of `length`, under `root` / `key`;
 *  - `any`: an item with ContentAny holding `values` (possibly none), under `root` / `key`.
 */
export function craftedUpdate(struct, client, clock = 0) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    if (struct.kind === 'gc') {
        encoding.writeUint8(encoder, CONTENT.gc);
        encoding.writeVarUint(encoder, struct.length);
    }
    else {
        const ref = struct.kind === 'deleted' ? CONTENT.deleted : CONTENT.any;
        encoding.writeUint8(encoder, ref | 0x20);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, struct.root);
        encoding.writeVarString(encoder, struct.key);
        if (struct.kind === 'deleted') {
            encoding.writeVarUint(encoder, struct.length);
        }
        else {
            encoding.writeVarUint(encoder, struct.values.length);
            for (const value of struct.values)
                encoding.writeAny(encoder, value);
        }
    }
    encoding.writeVarUint(encoder, 0);
    return encoding.toUint8Array(encoder);
}
/**
 * Encodes a v1 update holding one item placed between two neighbours, with one JSON value.
 * Yjs takes such an item's parent from its left origin and holds the item back (pending) until
 * both neighbours exist.
 */
export function craftedBetween(neighbours, value, client, clock = 0) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeUint8(encoder, 0x80 | 0x40 | CONTENT.any);
    encoding.writeVarUint(encoder, neighbours.origin.client);
    encoding.writeVarUint(encoder, neighbours.origin.clock);
    encoding.writeVarUint(encoder, neighbours.rightOrigin.client);
    encoding.writeVarUint(encoder, neighbours.rightOrigin.clock);
    encoding.writeVarUint(encoder, 1);
    encoding.writeAny(encoder, value);
    encoding.writeVarUint(encoder, 0);
    return encoding.toUint8Array(encoder);
}
//# sourceMappingURL=crafted-structs.js.map