import WebSocket from 'ws';
/** Tries to open a sync socket and reports the HTTP status of the refusal, or 101 if it opened. */
export function attemptUpgrade(url, headers = {}) {
    return new Promise((resolve, reject) => {
        const socket = new WebSocket(url, { headers });
        const timer = setTimeout(() => {
            socket.terminate();
            reject(new Error(`no answer to the upgrade of ${url}`));
        }, 10_000);
        socket.on('error', () => undefined);
        socket.once('open', () => {
            clearTimeout(timer);
            socket.close();
            resolve({ status: 101, code: undefined, opened: true });
        });
        socket.once('unexpected-response', (request, response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => {
                clearTimeout(timer);
                request.destroy();
                let code;
                try {
                    code = JSON.parse(body).code;
                }
                catch {
                    code = undefined;
                }
                resolve({ status: response.statusCode ?? 0, code, opened: false });
            });
        });
    });
}
//# sourceMappingURL=upgrade-attempt.js.map