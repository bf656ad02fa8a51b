/** Polls an (async) condition until it holds, or fails after `timeoutMs`. */
export async function waitUntil(condition, timeoutMs, what) {
    const started = Date.now();
    while (!(await condition())) {
        if (Date.now() - started > timeoutMs)
            throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}
//# sourceMappingURL=wait-until.js.map