import { DEMO_ACCOUNT_SPECS } from './demo-data.ts';

/** The demo accounts the server prints at start-up (all share the demo password). */
export const DEMO_ACCOUNTS: { username: string; description: string }[] = DEMO_ACCOUNT_SPECS.map((a) => ({
  username: a.username,
  description: a.description,
}));
