/**
 * A transaction that may decide, once its work is done, not to keep it: a dry run, or a write
 * refused midway, rolls back whole.
 */
import type Database from 'better-sqlite3';

const ROLL_BACK = Symbol('roll back');

/**
 * Runs `work` in an IMMEDIATE transaction (the write lock taken up front, so a running bot cannot
 * interleave a write midway) and commits it only when it returns `keep: true`. Returns its value
 * either way; an error thrown by `work` rolls back and propagates.
 */
export function transactionKeptIf<T>(sqlite: Database.Database, work: () => { value: T; keep: boolean }): T {
  let outcome: { value: T; keep: boolean } | undefined;
  // eslint-disable-next-line no-restricted-syntax -- begun with .immediate() below
  const transaction = sqlite.transaction(() => {
    outcome = work();
    // better-sqlite3 rolls back when the function throws.
    if (!outcome.keep) throw ROLL_BACK;
  });
  try {
    transaction.immediate();
  } catch (error) {
    if (error !== ROLL_BACK) throw error;
  }
  return outcome!.value;
}
