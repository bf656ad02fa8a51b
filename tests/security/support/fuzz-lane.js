import WebSocket from 'ws';
import { decodeExtensionMessage, MESSAGE_TYPES } from '@tandem/shared';
export function emptyStats() {
    return {
        sent: 0,
        connections: 0,
        survived: 0,
        hangs: 0,
        closes: new Map(),
        rejections: new Map(),
        saved: 0,
        byKind: new Map(),
    };
}
const MESSAGES_PER_CONNECTION = 50;
/**
 * One lane of the corpus run: opens a socket, sends corpus messages one at a time, each followed
 * by a probe whose answer shows the message was handled without closing, and reconnects whenever
 * the server closes the socket. The probe is a sync step 1 carrying the server's own state
 * vector (from its greeting), so the answer stays small however much the plan holds.
 */
export async function runLane(url, next, stats) {
    let entry = next();
    while (entry) {
        const socket = new WebSocket(url());
        stats.connections++;
        const greeting = await new Promise((resolve) => {
            socket.once('message', (data) => resolve(new Uint8Array(data)));
            socket.once('error', () => resolve(undefined));
            socket.once('close', () => resolve(undefined));
        });
        if (!greeting || greeting[0] !== MESSAGE_TYPES.sync || greeting[1] !== 0)
            throw new Error('a fuzz socket was not greeted with sync step 1');
        const probe = greeting;
        let sentHere = 0;
        let waiting;
        let closeCode;
        socket.on('message', (data) => {
            if (data[0] === MESSAGE_TYPES.sync && data[1] === 1)
                waiting?.('reply');
            else if (data[0] >= 100) {
                const message = decodeExtensionMessage(new Uint8Array(data));
                if (message?.type === 'saved')
                    stats.saved++;
                if (message?.type === 'rejected')
                    stats.rejections.set(message.code, (stats.rejections.get(message.code) ?? 0) + 1);
            }
        });
        socket.on('close', (code) => {
            closeCode = code;
            waiting?.('closed');
        });
        socket.on('error', () => undefined);
        while (entry && closeCode === undefined && sentHere < MESSAGES_PER_CONNECTION) {
            const outcome = new Promise((resolve) => {
                const timer = setTimeout(() => resolve('hang'), 5000);
                waiting = (result) => {
                    clearTimeout(timer);
                    resolve(result);
                };
            });
            socket.send(entry.bytes, { binary: !entry.text });
            socket.send(probe);
            stats.sent++;
            sentHere++;
            stats.byKind.set(entry.kind, (stats.byKind.get(entry.kind) ?? 0) + 1);
            const result = await outcome;
            waiting = undefined;
            if (result === 'hang') {
                stats.hangs++;
                socket.terminate();
                entry = next();
                break;
            }
            if (result === 'closed') {
                stats.closes.set(closeCode ?? 0, (stats.closes.get(closeCode ?? 0) ?? 0) + 1);
                entry = next();
                break;
            }
            stats.survived++;
            entry = next();
        }
        if (closeCode === undefined)
            socket.close();
    }
}
//# sourceMappingURL=fuzz-lane.js.map