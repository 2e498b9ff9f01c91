import type { CliContext } from '../context.js';

/** One command group of the CLI: its help and its runner. Errors are thrown as UserError / UsageError. */
export interface CliCommand {
  name: string;
  /** One line for the general help. */
  summary: string;
  /** The command's own help, with examples. */
  help: string;
  run(ctx: CliContext, args: string[]): Promise<void>;
}
