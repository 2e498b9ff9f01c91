/**
 * Start-up: configuration, logging, the app, and a clean stop on SIGINT/SIGTERM or when polling
 * ends by itself. Every way the process stops says why in one structured line.
 */
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, loadEnvFile } from './config.js';
import { InstanceLockedError } from './db/instance-lock.js';
import { createLogger } from './logger.js';
import { TelegramRefusedError, TelegramUnreachableError } from './startup.js';

async function main(): Promise<void> {
  let config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });

  let app: App | undefined;
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (exitCode === 0) logger.info({ signal: reason }, 'shutting down');
    const stopped = app ? app.stop() : Promise.resolve();
    stopped.then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT', 0));
  process.once('SIGTERM', () => shutdown('SIGTERM', 0));

  try {
    // Polling that ends by itself (409, 401) has logged why: stop cleanly and let the supervisor see it.
    app = createApp(config, { logger, onFatal: () => shutdown('polling ended', 1) });
    await app.start();
  } catch (error) {
    if (error instanceof InstanceLockedError) logger.fatal({ databasePath: error.databasePath, holder: error.holder }, error.message);
    else if (error instanceof TelegramUnreachableError) logger.fatal({ apiRoot: config.telegramApiRoot }, error.message);
    else if (error instanceof TelegramRefusedError)
      logger.fatal({ code: error.code, description: error.description }, `could not start the bot: ${error.message}`);
    else logger.fatal({ err: error }, 'could not start the bot');
    stopping = true;
    await app?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
