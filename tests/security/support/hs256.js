import { createHmac } from 'node:crypto';
/** Signs a JWT with HMAC-SHA256 as jsonwebtoken and fast-jwt do, to forge or expire tokens. */
export function signHs256(payload, secret) {
    const header = encode({ alg: 'HS256', typ: 'JWT' });
    const body = encode(payload);
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    return `${header}.${body}.${signature}`;
}
/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(payload) {
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}
function encode(value) {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
}
//# sourceMappingURL=hs256.js.map