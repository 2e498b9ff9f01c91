/**
 * Start-up: configuration, logging, the app, and a clean stop on SIGINT/SIGTERM.
 */
import { createApp } from './app.js';
import { ConfigError, loadConfig, loadEnvFile } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  loadEnvFile();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });
  const app = createApp(config, { logger });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await app.start();
  } catch (error) {
    logger.fatal({ err: error }, 'could not start the bot');
    await app.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
