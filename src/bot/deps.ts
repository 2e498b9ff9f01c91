import type { StorageAdapter } from 'grammy';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Transport } from '../delivery/transport.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { Translator } from './i18n.js';

/** What features need from the outside world: passed in, never global. */
export interface BotDeps {
  config: Config;
  services: Services;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Durable key-value storage for sessions and conversations, one namespace per prefix. */
  storage: <T>(prefix: string) => KeyedStorage<T>;
  /** Tells the delivery engine that new messages wait in the outbox. */
  wakeDelivery: () => void;
  /** How every Api object of the bot reaches Telegram (pacing, retries, time limits). */
  transport: Pick<Transport, 'fetch' | 'timeoutSeconds'>;
}

/** A storage adapter that can tell whether a key holds anything without reading it (src/db/kv-storage.ts). */
export interface KeyedStorage<T> extends StorageAdapter<T> {
  has(key: string): boolean;
}
