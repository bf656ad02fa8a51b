import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeExtensionMessage, MESSAGE_TYPES, PlanDoc } from '@tandem/shared';
const fromServer = Symbol('fromServer');
/**
 * A y-websocket client written out by hand: it speaks sync step 1, step 2 and update messages
 * over a real socket, and lets a test send exactly the bytes it wants.
 */
export class RawSyncClient {
    socket;
    doc = new Y.Doc();
    plan = new PlanDoc(this.doc);
    extensions = [];
    /** Errors applying what the server sent: a poisoned document shows up here. */
    applyErrors = [];
    closed;
    closeEvent;
    step2Waiters = [];
    changeListeners = new Set();
    constructor(socket) {
        this.socket = socket;
        socket.binaryType = 'nodebuffer';
        this.closed = new Promise((resolve) => socket.once('close', (code, reason) => {
            this.closeEvent = { code, reason: reason.toString() };
            resolve(this.closeEvent);
            this.notify();
        }));
        socket.on('error', () => undefined);
        socket.on('message', (data) => this.receive(new Uint8Array(data)));
    }
    /** Opens a socket to a plan and syncs a fresh document from the server. */
    static async connect(syncUrl, planId, options) {
        const client = RawSyncClient.open(syncUrl, planId, options);
        await client.opened();
        await client.resync();
        // Yjs picks a new clientID when a sync brings in structs under its own, so a client that
        // reuses (or spoofs) a clientID sets it after syncing and before its first edit.
        if (options.clientId !== undefined)
            client.doc.clientID = options.clientId;
        return client;
    }
    /** Starts opening a socket without waiting; see `opened()`. */
    static open(syncUrl, planId, options) {
        const query = new URLSearchParams();
        if (options.token)
            query.set('token', options.token);
        if (options.ext ?? true)
            query.set('ext', '1');
        const socket = new WebSocket(`${syncUrl}/${planId}?${query.toString()}`, {
            headers: options.headers,
        });
        return new RawSyncClient(socket);
    }
    opened() {
        if (this.socket.readyState === WebSocket.OPEN)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.socket.once('open', () => resolve());
            this.socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
            void this.closed.then((event) => reject(new Error(`closed with ${event.code}`)));
        });
    }
    get isOpen() {
        return this.socket.readyState === WebSocket.OPEN;
    }
    get savedCount() {
        return this.extensions.filter((m) => m.type === 'saved').length;
    }
    /** Sync step 1 with our state vector, resolved by the server's step 2: a barrier. */
    resync() {
        const reply = new Promise((resolve) => this.step2Waiters.push(resolve));
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
        this.send(encoding.toUint8Array(encoder));
        const closed = this.closed.then((event) => {
            throw new Error(`closed with ${event.code} before sync step 2`);
        });
        return withTimeout(Promise.race([reply, closed]), 10_000, 'sync step 2');
    }
    /** Makes one local change in one transaction and returns the update it produced. */
    edit(change) {
        const updates = [];
        const listener = (update, origin) => {
            if (origin !== fromServer)
                updates.push(update);
        };
        this.doc.on('update', listener);
        try {
            this.doc.transact(() => change(this.plan, this.doc));
        }
        finally {
            this.doc.off('update', listener);
        }
        if (updates.length !== 1)
            throw new Error(`expected one update, got ${updates.length}`);
        return updates[0];
    }
    /** Sends an update as a y-websocket sync update message (type 0, step 2). */
    sendUpdate(update) {
        this.send(encodeSyncUpdate(update));
    }
    send(bytes) {
        if (this.socket.readyState === WebSocket.OPEN)
            this.socket.send(bytes);
    }
    /** Waits for the server's verdict on what was sent after `savedBefore` saved messages. */
    async verdict(savedBefore, timeoutMs = 5000) {
        const decided = () => this.savedCount > savedBefore || this.closeEvent !== undefined;
        await new Promise((resolve) => {
            const timer = setTimeout(finish, timeoutMs);
            function finish() {
                clearTimeout(timer);
                resolve();
            }
            if (decided())
                return finish();
            const check = () => {
                if (!decided())
                    return;
                this.changeListeners.delete(check);
                finish();
            };
            this.changeListeners.add(check);
        });
        if (this.savedCount > savedBefore)
            return { kind: 'accepted' };
        const close = this.closeEvent;
        if (!close)
            return { kind: 'timeout' };
        const rejected = this.extensions.find((m) => m.type === 'rejected');
        if (rejected?.type === 'rejected')
            return { kind: 'rejected', code: rejected.code, closeCode: close.code };
        return { kind: 'closed', closeCode: close.code, reason: close.reason };
    }
    close() {
        if (this.socket.readyState === WebSocket.CONNECTING)
            this.socket.terminate();
        else
            this.socket.close();
    }
    receive(bytes) {
        const decoder = decoding.createDecoder(bytes);
        const type = decoding.readVarUint(decoder);
        if (type === MESSAGE_TYPES.sync) {
            const step = decoding.readVarUint(decoder);
            const payload = decoding.readVarUint8Array(decoder);
            if (step === 1 || step === 2) {
                try {
                    Y.applyUpdate(this.doc, payload, fromServer);
                }
                catch (error) {
                    this.applyErrors.push(error);
                }
            }
            if (step === 1)
                this.step2Waiters.shift()?.();
        }
        else if (type >= 100) {
            const message = decodeExtensionMessage(bytes);
            if (message)
                this.extensions.push(message);
        }
        this.notify();
    }
    notify() {
        for (const listener of [...this.changeListeners])
            listener();
    }
}
export function encodeSyncUpdate(update) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
}
export async function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=raw-sync-client.js.map