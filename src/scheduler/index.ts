/**
 * node-cron only wakes the code: each job asks the services what is due (by the injected clock)
 * and the services' tables remember what was done. A job that is still running when its next tick
 * comes is skipped, never run twice at once.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export interface Job {
  name: string;
  /** Cron expression (node-cron, with an optional seconds field). */
  schedule: string;
  run(): unknown;
}

export class Scheduler {
  #tasks: ScheduledTask[] = [];
  #running = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: readonly Job[],
    private readonly logger: Logger,
    private readonly timeZone: string,
  ) {}

  /** Runs every job once now (catching up after downtime), then on its schedule. */
  start(): void {
    for (const job of this.jobs) {
      void this.runJob(job);
      this.#tasks.push(cron.schedule(job.schedule, () => this.runJob(job), { name: job.name, timezone: this.timeZone }));
    }
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks) await task.destroy();
    this.#tasks = [];
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Runs a job unless it is already running; errors are logged, never thrown. */
  runJob(job: Job): Promise<void> {
    const current = this.#running.get(job.name);
    if (current) return current;
    const run = (async () => {
      try {
        await job.run();
      } catch (error) {
        this.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      } finally {
        this.#running.delete(job.name);
      }
    })();
    this.#running.set(job.name, run);
    return run;
  }
}
