/** Calls the REST API with a JSON body (if given) and returns status, body and cookies. */
export async function callApi(url, method, path, options = {}) {
    const headers = { ...options.headers };
    if (options.body !== undefined)
        headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body = {};
    try {
        body = text ? JSON.parse(text) : {};
    }
    catch {
        body = { text };
    }
    return { status: response.status, body, cookies: response.headers.getSetCookie() };
}
/** Creates a user as the admin and returns its id and an API token from POST /api/tokens. */
export async function createUserWithToken(url, adminHeaders, user) {
    const password = 'a-long-password-1';
    const created = await callApi(url, 'POST', '/api/users', {
        headers: adminHeaders,
        body: { ...user, name: user.email.split('@')[0], password },
    });
    if (created.status !== 201)
        throw new Error(`create user: ${JSON.stringify(created)}`);
    const issued = await callApi(url, 'POST', '/api/tokens', {
        body: { email: user.email, password },
    });
    if (issued.status !== 201)
        throw new Error(`token: ${JSON.stringify(issued)}`);
    const id = created.body.user.id;
    return { id, token: issued.body.token, password };
}
//# sourceMappingURL=http.js.map