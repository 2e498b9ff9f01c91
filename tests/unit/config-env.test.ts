/**
 * The .env file: its values are read, a variable already in the environment wins, and a line that
 * is not NAME=value stops the start with its line number (never its text, which may hold the token)
 * instead of being merged with the next line, which would then be lost.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadEnvFile } from '../../src/config.js';
import { tempDir } from '../helpers/db.js';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';
const NAMES = ['I12_FROM_FILE', 'I12_SET_BOTH', 'I12_QUOTED', 'I12_MULTI', 'I12_EXPORTED', 'I12_AFTER'];

function envFile(text: string): string {
  const path = join(tempDir(), '.env');
  writeFileSync(path, text);
  return path;
}

function errorOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadEnvFile', () => {
  afterEach(() => {
    for (const name of NAMES) delete process.env[name];
  });

  it('reads the values of the file; a variable already set in the environment wins', () => {
    process.env.I12_SET_BOTH = 'from the environment';
    loadEnvFile(
      envFile(
        [
          '# the bot',
          '',
          'I12_FROM_FILE=from the file',
          'I12_SET_BOTH=from the file',
          'I12_QUOTED="a # inside quotes"',
          'I12_MULTI="first line',
          'second line"',
          'export I12_EXPORTED=yes',
          'I12_AFTER=last',
        ].join('\n'),
      ),
    );
    expect(process.env.I12_FROM_FILE).toBe('from the file');
    expect(process.env.I12_SET_BOTH).toBe('from the environment');
    expect(process.env.I12_QUOTED).toBe('a # inside quotes');
    expect(process.env.I12_MULTI).toBe('first line\nsecond line');
    expect(process.env.I12_EXPORTED).toBe('yes');
    expect(process.env.I12_AFTER).toBe('last');
  });

  it('does nothing without a file', () => {
    expect(() => loadEnvFile(join(tempDir(), '.env'))).not.toThrow();
  });

  it('refuses a line that is not NAME=value, naming its number and not its text, and sets nothing', () => {
    const path = envFile(['I12_FROM_FILE=1', `BOT_TOKEN ${TOKEN}`, 'I12_AFTER=2'].join('\n'));
    const message = errorOf(() => loadEnvFile(path));
    expect(message).toBe(`Configuration error: ${path} line 2 is not NAME=value (a comment starts with #)`);
    expect(message).not.toContain(TOKEN.split(':')[1]);
    expect(process.env.I12_FROM_FILE).toBeUndefined();
    expect(process.env.I12_AFTER).toBeUndefined();
    for (const bad of ['=no name', 'I12 AFTER=1', '2I12=1', 'just words']) {
      expect(errorOf(() => loadEnvFile(envFile(`I12_FROM_FILE=1\n${bad}\n`)))).toContain('line 2 is not NAME=value');
    }
  });
});
