/** Runs `task` over `inputs` with at most `concurrency` in flight, keeping the input order. */
export async function runPool(inputs, concurrency, task) {
    const results = new Array(inputs.length);
    let next = 0;
    const worker = async () => {
        while (next < inputs.length) {
            const index = next++;
            results[index] = await task(inputs[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
    return results;
}
//# sourceMappingURL=run-pool.js.map