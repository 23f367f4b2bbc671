import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('configuration from the environment', () => {
  it('loads the demo province by default on the embedded database only', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ GOVDATA_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', GOVDATA_DEMO: '1' }).demo).toBe(true);
  });
  it('serves on 8080 unless PORT says otherwise, and keeps state in ./data', () => {
    expect(loadConfig({}).port).toBe(8080);
    expect(loadConfig({ PORT: '9000' }).port).toBe(9000);
    expect(loadConfig({}).dataDir.endsWith('/data')).toBe(true);
    expect(loadConfig({}).demoPassword).toBe('Demo#2026hlj');
  });
});
