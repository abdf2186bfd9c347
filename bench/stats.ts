// Summaries of page-observed times. The page's clock ticks in 0.1 ms, as coarse as the differences the benches
// look for; its jitter makes a mean finer than a tick, and dropping the slowest tenth drops a shared machine's
// stalls.
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)]!;
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
export const fastest90Mean = (xs: number[]): number => mean(sorted(xs).slice(0, Math.ceil(xs.length * 0.9)));
