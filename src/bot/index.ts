/**
 * The bot factory: no globals, so a test builds its own bot with its own database and clock.
 * Middleware order matters: bookkeeping, then per-chat ordering, then (inside the error boundary)
 * the member and language, sessions, replies to the bot's reply prompts, the conversations (a
 * waiting one sees the update before any feature), and the features, with access checked before
 * anything a member may see.
 */
import { sequentialize } from '@grammyjs/runner';
import type { BotError} from 'grammy';
import { Bot, GrammyError, HttpError, lazySession } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { Composer } from './composer.js';
import { chatSequenceKey } from './chat-key.js';
import type { BotContext, SessionData } from './context.js';
import { conversationsComposer } from './conversations/index.js';
import type { BotDeps } from './deps.js';
import { accessGateFeature } from './features/access-gate.js';
import { branchChoicesFeature } from './features/branch-choices.js';
import { branchInfoFeature } from './features/branch-info.js';
import { calendarFeature } from './features/calendar.js';
import { chatTrackingFeature } from './features/chat-tracking.js';
import { commandMenuFeature } from './features/command-menu.js';
import { conversationControlFeature } from './features/conversation-control.js';
import { dashboardFeature, dashboardStartFeature } from './features/dashboard.js';
import { helpFeature } from './features/help.js';
import { indicatorsFeature } from './features/indicators.js';
import { inviteFeature } from './features/invite.js';
import { languageFeature } from './features/language.js';
import { linkGroupFeature } from './features/link-group.js';
import { meetingAdminFeature } from './features/meeting-admin.js';
import { absenceReasonFeature, meetingsFeature } from './features/meetings.js';
import { noticesFeature } from './features/notices.js';
import { searchFeature } from './features/search.js';
import { reminderSettingsFeature } from './features/reminder-settings.js';
import { startFeature } from './features/start.js';
import { unhandledFeature } from './features/unhandled.js';
import { appContext } from './middlewares/app-context.js';
import { InFlightTracker } from './middlewares/in-flight.js';
import { updateLogger } from './middlewares/update-logger.js';

export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member', 'inline_query'] as const;

export interface CreatedBot {
  bot: Bot<BotContext>;
  inFlight: InFlightTracker;
}

export function createBot(deps: BotDeps, options: { botInfo?: UserFromGetMe } = {}): CreatedBot {
  const { config, services, translator, logger } = deps;
  // The transport sits in the client options, so every Api object made from them (each update's,
  // each conversation's) goes through it, below the conversations plugin's recorder.
  const bot = new Bot<BotContext>(config.botToken, {
    botInfo: options.botInfo,
    client: { apiRoot: config.telegramApiRoot, fetch: deps.transport.fetch as never, timeoutSeconds: deps.transport.timeoutSeconds },
  });

  const inFlight = new InFlightTracker();
  // One composer of ours under the bot: each middleware registered on grammY's Bot itself is one
  // more async function for every update to pass through.
  const root = new Composer<BotContext>(inFlight.middleware(), updateLogger(logger), sequentialize(chatSequenceKey));
  const app = new Composer<BotContext>();
  root.errorBoundary((error) => handleError(error, deps), app);
  bot.use(root);
  app.use(appContext(services, translator));
  app.use(
    lazySession<SessionData, BotContext>({
      initial: () => ({}),
      storage: deps.storage<SessionData>('session:'),
      getSessionKey: chatSequenceKey,
    }),
  );
  app.use(absenceReasonFeature(deps));
  // The conversations plugin, and every conversation: what follows runs inside it.
  app.use(conversationsComposer(deps));
  // "Hủy" on the interruption prompt: the member's message goes through the bot again. Not awaited:
  // per-chat ordering runs it once the current update of this chat is done.
  app.use(
    conversationControlFeature((update) => {
      bot.handleUpdate(update).catch((error: unknown) => logger.error({ err: error }, 'redispatched update failed'));
    }),
  );
  app.use(chatTrackingFeature(deps));
  // The menus are set after whatever the member sent, /start included (linking by invite, roles granted).
  app.use(commandMenuFeature(deps));
  app.use(dashboardStartFeature(deps));
  app.use(startFeature(deps));
  app.use(accessGateFeature(deps));
  app.use(helpFeature(deps));
  app.use(dashboardFeature(deps));
  app.use(languageFeature(deps));
  app.use(branchInfoFeature(deps));
  app.use(branchChoicesFeature(deps));
  app.use(linkGroupFeature(deps));
  app.use(inviteFeature(deps));
  app.use(noticesFeature(deps));
  app.use(meetingsFeature(deps));
  app.use(calendarFeature(deps));
  app.use(meetingAdminFeature(deps));
  app.use(reminderSettingsFeature(deps));
  app.use(indicatorsFeature(deps));
  app.use(searchFeature(deps));
  app.use(unhandledFeature());

  bot.catch((error) => handleError(error, deps));
  return { bot, inFlight };
}

/**
 * Telegram errors (403, 429, 5xx, network) are logged, never fatal. Anything else is a bug: logged
 * with its stack, and the user gets a short apology where we can still reach them.
 */
async function handleError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const ctx = error.ctx;
  const log = ctx.log ?? deps.logger;
  const cause = error.error;
  if (cause instanceof GrammyError) {
    log.warn({ method: cause.method, code: cause.error_code, description: cause.description }, 'Telegram refused a call');
    return;
  }
  if (cause instanceof HttpError) {
    log.warn({ err: cause.message }, 'Telegram could not be reached');
    return;
  }
  log.error({ err: cause }, 'update failed');
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: deps.translator.t(ctx.locale ?? 'vi', 'error-generic').value });
    else if (ctx.chat?.type === 'private' && ctx.t) await ctx.replyHtml(ctx.t('error-generic'));
  } catch {
    // Already logged; the user will try again.
  }
}
