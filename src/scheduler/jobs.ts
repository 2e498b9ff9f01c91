/**
 * The bot's scheduled jobs. Each asks a service what is due (by the injected clock); the services'
 * tables and the outbox's dedupe keys make every run safe to repeat, so a job can also run at
 * start-up to catch up after downtime.
 */
import type { NoticeProgress } from '../bot/notice-progress.js';
import type { Config } from '../config.js';
import type { Services } from '../services/index.js';
import type { Job } from './index.js';

export interface JobDeps {
  services: Services;
  config: Config;
  progress: NoticeProgress;
  /** Messages were put into the outbox by a service that does not wake the sender itself. */
  wakeDelivery: () => void;
}

export function appJobs({ services, config, progress, wakeDelivery }: JobDeps): Job[] {
  return [
    {
      // Scheduled notices whose time has come, and the authors' progress messages.
      name: 'notices',
      schedule: '*/2 * * * * *',
      run: async () => {
        services.notices.releaseDue();
        await progress.update();
        wakeDelivery();
      },
    },
    {
      name: 'notice-nudges',
      schedule: '0 * * * * *',
      run: () => {
        const nudged = services.notices.nudge(config.ackNudgeHours * 3_600_000);
        if (nudged.reminded + nudged.digests > 0) wakeDelivery();
      },
    },
    {
      // Series occurrences for the coming weeks, and reminders due in the next minutes.
      name: 'meeting-reminders',
      schedule: '*/30 * * * * *',
      run: () => {
        services.meetings.materialiseAll();
        services.meetingNotifier.plan();
      },
    },
    { name: 'daily-digest', schedule: '0 0 7 * * *', run: () => services.meetingNotifier.dailyDigest() },
    {
      name: 'meeting-nudges',
      schedule: '0 0 8 * * *',
      run: () => {
        services.meetingNotifier.nudgeNextMonth();
        services.meetingNotifier.reportThematic();
      },
    },
    {
      name: 'report-nudges',
      schedule: '0 5 * * * *',
      run: () => services.indicators.nudge(config.reportDeadlineDay, config.reportNudgeDays),
    },
    { name: 'housekeeping', schedule: '0 17 * * * *', run: () => services.invites.pruneFailures() },
  ];
}
