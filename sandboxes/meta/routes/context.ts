import type { SandboxApp } from '../../kit/create-sandbox-app.js';
import type { InsightsGenerator } from '../insights-data.js';
import type { MetaState } from '../state.js';

/** What the Meta route modules share. */
export interface MetaRouteContext {
  sandbox: SandboxApp;
  state: MetaState;
  insights: InsightsGenerator;
  appSecret: string;
  verifyToken: string;
  /** The sandbox clock (ms); rate windows, new leads and "today" follow it. */
  now: () => number;
  /** Today in the ad account's time zone (UTC). */
  today: () => string;
}

export type NodeParams = { version: string; node: string };
