/**
 * pino, writing through a filter that blanks every secret it was given. grammY and fetch errors can
 * carry request URLs, and the Bot API URL contains the token: filtering the output stream is the one
 * place that catches every path into the log.
 */
import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Strings that must never appear in a log line (the bot token). */
  secrets: string[];
  /** Where lines go (default stdout). */
  destination?: { write(line: string): unknown };
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    out = out.split(secret).join('[REDACTED]');
    // The numeric bot id before ':' is public; the part after it is the secret half.
    const colon = secret.indexOf(':');
    if (colon > 0) out = out.split(secret.slice(colon + 1)).join('[REDACTED]');
  }
  return out;
}

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stdout;
  const stream = { write: (line: string) => target.write(redactSecrets(line, options.secrets)) };
  return pino({ level: options.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}
