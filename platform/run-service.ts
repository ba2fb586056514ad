/**
 * The entry-point wrapper every `main.ts` uses: parse the configuration (exit 2 with every
 * problem listed when it is invalid), start, and on SIGINT/SIGTERM stop everything once, cleanly.
 */
import { loadConfig, type HubConfig } from '../config/env.js';
import { ConfigError } from '../config/config-error.js';
import { createLogger, type Logger } from './logger.js';
import { startTracing } from './tracing.js';
import { closeAll, type RunningService } from './service.js';

export async function runService(
  name: string,
  start: (config: HubConfig, logger: Logger) => Promise<RunningService[]>,
): Promise<void> {
  let config: HubConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(name, config.logLevel);
  let services: RunningService[];
  const stopTracing = startTracing(name, config.otlpEndpoint);
  try {
    services = [{ name: 'tracing', url: config.otlpEndpoint ?? '', close: stopTracing }, ...(await start(config, logger))];
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  for (const service of services) if (service.url) logger.info({ service: service.name, url: service.url }, 'listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await closeAll(services, (service, error) => logger.error({ err: error, service }, 'failed to stop'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
