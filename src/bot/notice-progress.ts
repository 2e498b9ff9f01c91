/**
 * Keeps the author's progress message current while a notice goes out (sent / waiting / failed),
 * and closes it when every message has reached a final state; the detailed report itself goes
 * through the outbox (NoticeService.finishSettled).
 */
import { type Api, GrammyError } from 'grammy';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { Notice } from '../services/notices.js';
import type { Translator } from './i18n.js';
import { negotiateLocale } from './i18n.js';

export class NoticeProgress {
  #shown = new Map<number, string>();

  constructor(
    private readonly api: Api,
    private readonly services: Services,
    private readonly translator: Translator,
    private readonly logger: Logger,
  ) {}

  async update(): Promise<void> {
    const { notices } = this.services;
    for (const n of notices.sending()) await this.show(n, 'notice-progress');
    for (const n of notices.finishSettled()) {
      await this.show(n, 'notice-progress-done');
      this.#shown.delete(n.id);
    }
  }

  private async show(n: Notice, key: string): Promise<void> {
    if (!n.progressChatId || !n.progressMessageId) return;
    const c = this.services.notices.progress(n.id);
    const author = this.services.members.getById(n.authorMemberId);
    const locale = negotiateLocale(author?.language, undefined);
    const text = this.translator.t(locale, key, {
      title: n.title,
      sent: c.sent,
      total: c.total,
      waiting: c.pending + c.sending,
      failed: c.failed + c.unreachable,
    }).value;
    if (this.#shown.get(n.id) === text) return;
    this.#shown.set(n.id, text);
    try {
      await this.api.editMessageText(n.progressChatId, n.progressMessageId, text, { parse_mode: 'HTML' });
    } catch (error) {
      // "message is not modified" after a restart, or the author deleted it: progress is a courtesy.
      if (!(error instanceof GrammyError)) throw error;
      this.logger.debug({ notice_id: n.id, description: error.description }, 'progress message not updated');
    }
  }
}
