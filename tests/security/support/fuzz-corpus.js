import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_TYPES, PlanDoc, seededRandom } from '@tandem/shared';
import { craftedUpdate } from './crafted-structs.js';
import { deeplyNested, HOSTILE_KEYS, HOSTILE_ROOTS, hostileEdit, NASTY_VALUES, plausibleEdit, } from './hostile-edits.js';
import { encodeSyncUpdate } from './raw-sync-client.js';
/**
 * Builds a seeded corpus of at least `size` hostile messages: random bytes, valid envelopes with
 * garbage inside, truncated and bit-flipped real updates, garbage awareness, huge varuint
 * lengths, hand-crafted structs, deeply nested types, unknown types and oversized frames.
 */
export function buildCorpus(source, seed, size) {
    const random = seededRandom(seed);
    const corpus = [];
    const add = (kind, bytes, text = false) => corpus.push({ kind, bytes, text });
    const state = Y.encodeStateAsUpdate(source.template);
    const copy = () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        doc.clientID = random.int(1, 2 ** 31);
        return doc;
    };
    const editOnCopy = (edit) => {
        const doc = copy();
        const before = Y.encodeStateVector(doc);
        try {
            doc.transact(() => edit(new PlanDoc(doc), doc));
        }
        catch {
            // An edit the Yjs API itself refuses still leaves whatever it did before throwing.
        }
        const update = Y.encodeStateAsUpdate(doc, before);
        doc.destroy();
        return update;
    };
    const real = [];
    for (let i = 0; i < 400; i++)
        real.push(editOnCopy((plan, doc) => plausibleEdit(random, plan, doc, source.userId)));
    const semantic = [];
    for (let i = 0; i < 900; i++)
        semantic.push(editOnCopy((plan, doc) => hostileEdit(random, plan, doc)));
    for (const update of semantic)
        add('hostile edit', encodeSyncUpdate(update));
    for (let i = 0; i < 300; i++)
        add('plausible edit', encodeSyncUpdate(random.pick(real)));
    for (let i = 0; i < 1400; i++)
        add('random bytes', bytes(random, random.int(0, 256)));
    for (let i = 0; i < 1200; i++) {
        const type = random.int(0, 3);
        add('random after a known type', concat(varUint(type), bytes(random, random.int(0, 128))));
    }
    for (let i = 0; i < 1200; i++)
        add('garbage in a valid envelope', encodeSyncUpdate(bytes(random, random.int(0, 512))));
    for (let i = 0; i < 1200; i++) {
        const update = random.pick([...real, ...semantic]);
        add('truncated update', encodeSyncUpdate(update.subarray(0, random.int(0, update.length - 1))));
    }
    for (let i = 0; i < 1500; i++)
        add('bit-flipped update', encodeSyncUpdate(flip(random, random.pick(real), random.int(1, 4))));
    for (let i = 0; i < 500; i++)
        add('bit-flipped message', flip(random, encodeSyncUpdate(random.pick(real)), random.int(1, 3)));
    for (let i = 0; i < 700; i++)
        add('awareness with garbage JSON', awareness(random, garbageJson(random)));
    for (let i = 0; i < 150; i++)
        add('awareness with odd JSON', awareness(random, random.pick(ODD_STATES)));
    for (let i = 0; i < 600; i++)
        add('huge varuint length', hugeLength(random));
    for (let i = 0; i < 500; i++) {
        const type = random.next() < 0.5 ? random.int(4, 120) : random.int(121, 2 ** 20);
        add('unknown message type', concat(varUint(type), bytes(random, random.int(0, 64))));
    }
    for (let i = 0; i < 300; i++)
        add('sync step 1 with a garbage state vector', frame(0, 0, bytes(random, random.int(0, 64))));
    for (let i = 0; i < 200; i++)
        add('unknown sync step', frame(0, random.int(3, 1000), bytes(random, random.int(0, 64))));
    for (let i = 0; i < 400; i++)
        add('crafted struct', encodeSyncUpdate(crafted(random, source.foreignClient)));
    for (let i = 0; i < 60; i++) {
        const over = source.maxPayload + random.int(1, 40 * 1024);
        add('oversized', i % 2 ? bytes(random, over) : encodeSyncUpdate(bytes(random, over)));
    }
    add('oversized valid update', encodeSyncUpdate(editOnCopy((plan) => plan.meta.set('name', 'n'.repeat(source.maxPayload)))));
    const nested = deeplyNested(copy, source.userId);
    for (let i = 0; i < 120; i++)
        add('deeply nested types', encodeSyncUpdate(nested[i % nested.length]));
    for (let i = 0; i < 40; i++)
        add('empty frame', new Uint8Array(0), i % 2 === 0);
    for (let i = 0; i < 60; i++)
        add('text frame', new TextEncoder().encode(garbageJson(random)), true);
    while (corpus.length < size)
        add('random bytes', bytes(random, random.int(1, 256)));
    return shuffle(random, corpus);
}
const ODD_STATES = [
    '{"user":{"name":"<img src=x onerror=alert(1)>","color":"javascript:alert(1)"}}',
    '{"__proto__":{"polluted":true}}',
    `{"cursor":${'['.repeat(500)}${']'.repeat(500)}}`,
    `{"big":"${'y'.repeat(20_000)}"}`,
    'null',
    '0',
    '"string state"',
];
function awareness(random, json) {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, random.int(1, 2 ** 31));
    encoding.writeVarUint(inner, random.int(0, 1000));
    encoding.writeVarString(inner, json);
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, MESSAGE_TYPES.awareness);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
}
function garbageJson(random) {
    const pieces = [
        '{',
        '}',
        '[',
        ']',
        '"',
        ':',
        ',',
        'null',
        'tru',
        '1e999',
        '\\u00',
        'NaN',
        '\u0000',
        'ü',
        '\ud800',
    ];
    let text = '';
    for (let i = random.int(0, 40); i > 0; i--)
        text += random.pick(pieces);
    return text;
}
function hugeLength(random) {
    const huge = () => random.pick([2 ** 31, 2 ** 32 + 5, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER]);
    const tail = () => bytes(random, random.int(0, 16));
    switch (random.int(0, 6)) {
        case 0:
            return concat(varUint(0), varUint(2), varUint(huge()), tail());
        case 1:
            return concat(varUint(1), varUint(huge()), tail());
        case 2:
            return concat(varUint(0), varUint(0), varUint(huge()), tail());
        case 3:
            return encodeSyncUpdate(concat(varUint(huge()), tail()));
        case 4:
            return encodeSyncUpdate(concat(varUint(1), varUint(huge()), varUint(7), varUint(0), tail()));
        case 5:
            return concat(varUint(huge()), tail());
        default: {
            const inner = concat(varUint(1), varUint(1), varUint(random.int(1, 1e6)), varUint(huge()), tail());
            return concat(varUint(MESSAGE_TYPES.awareness), varUint(inner.length), inner);
        }
    }
}
function crafted(random, foreignClient) {
    const length = random.pick([0, 1, 2, 1000, 2 ** 31, 2 ** 40]);
    const root = random.pick(HOSTILE_ROOTS);
    const key = random.pick(HOSTILE_KEYS);
    const struct = random.pick([
        { kind: 'gc', length },
        { kind: 'deleted', root, key, length },
        { kind: 'any', root, key, values: random.next() < 0.3 ? [] : [random.pick(NASTY_VALUES)] },
    ]);
    const client = random.next() < 0.2 ? foreignClient : random.int(1, 2 ** 31);
    const clock = random.pick([0, 0, 1, 5, 2 ** 32]);
    return craftedUpdate(struct, client, clock);
}
function frame(type, step, payload) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
}
function varUint(value) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, value);
    return encoding.toUint8Array(encoder);
}
function bytes(random, length) {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++)
        out[i] = random.int(0, 255);
    return out;
}
function flip(random, source, count) {
    const out = Uint8Array.from(source);
    for (let i = 0; i < count && out.length > 0; i++)
        out[random.int(0, out.length - 1)] ^= random.int(1, 255);
    return out;
}
function concat(...parts) {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
    }
    return out;
}
function shuffle(random, values) {
    for (let i = values.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [values[i], values[j]] = [values[j], values[i]];
    }
    return values;
}
//# sourceMappingURL=fuzz-corpus.js.map