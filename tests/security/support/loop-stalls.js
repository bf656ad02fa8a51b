/**
 * Watches the event loop with a 5 ms timer and tells its own stalls from the machine's. Within
 * a gap, the CPU time this process used (all its threads, so garbage collection counts) is time
 * it spent stalling the loop itself; the rest of the gap it waited for a core that the
 * operating system gave to other processes. Returns a function that stops and reports.
 */
export function watchLoopStalls() {
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    const stalls = { longestGapMs: 0, longestOwnStallMs: 0 };
    const timer = setInterval(() => {
        const now = performance.now();
        const cpu = process.cpuUsage();
        const gap = Math.max(0, now - last - 5);
        const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
        stalls.longestGapMs = Math.max(stalls.longestGapMs, gap);
        stalls.longestOwnStallMs = Math.max(stalls.longestOwnStallMs, Math.min(gap, used));
        last = now;
        lastCpu = cpu;
    }, 5);
    return () => {
        clearInterval(timer);
        return stalls;
    };
}
//# sourceMappingURL=loop-stalls.js.map