/** Runs the vendor sandboxes alone (docker-compose), each on its configured port. */
import { runService } from '../platform/run-service.js';
import { startSandboxes } from './start.js';

await runService('sandboxes', (config) => startSandboxes(config));
