import type { Config } from '../src/config.ts';
// PLACEHOLDER — benchmarks are registered here.
export async function runBenchmarks(_config: Config, _args: string[]): Promise<number> {
  return 0;
}
