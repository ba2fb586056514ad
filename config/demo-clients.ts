/**
 * The two demo clients of the embedded mode. Their keys are fixed and public (README, `npm start`
 * prints them) because they exist only when the hub runs embedded on a loopback address: they
 * open nothing a local user could not already read from the process. Outside that mode no demo
 * client exists.
 */
import { ALL_SCOPES } from './scopes.js';

export const DEMO_CLIENT_KEYS = {
  internal: 'hub_demo_internal_key',
  partner: 'hub_demo_partner_key',
} as const;

export interface DemoClientDefinition {
  name: string;
  apiKey: string;
  scopes: readonly string[];
  arbitraryDocuments: boolean;
  introspection: boolean;
  rateLimit: { points: number; durationSeconds: number };
}

export const DEMO_CLIENTS: readonly DemoClientDefinition[] = [
  {
    // A first-party tool: every scope, any document, the IDE and introspection.
    name: 'hub_demo_internal',
    apiKey: DEMO_CLIENT_KEYS.internal,
    scopes: ALL_SCOPES,
    arbitraryDocuments: true,
    introspection: true,
    rateLimit: { points: 10_000, durationSeconds: 1 },
  },
  {
    // A partner: only the operations in its persisted manifest, no raw PII.
    name: 'hub_demo_partner',
    apiKey: DEMO_CLIENT_KEYS.partner,
    scopes: [],
    arbitraryDocuments: false,
    introspection: false,
    rateLimit: { points: 50, durationSeconds: 1 },
  },
];
