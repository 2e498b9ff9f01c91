/**
 * "Sending a photo…" / "sending a file…" at the top of the chat while the bot makes a chart or a
 * workbook. Telegram shows an action for five seconds or until the bot's next message, so it is
 * repeated while the work lasts. It is a courtesy: a refused or lost action is ignored and never
 * delays the reply (the transport tries it once, src/delivery/transport.ts).
 *
 * Not for use inside a conversation: its calls would enter the conversation's replay log at moments
 * that differ from one replay to the next (no conversation makes a file today).
 */
import type { Api, Context } from 'grammy';

export type ChatAction = 'typing' | 'upload_photo' | 'upload_document';

/** Telegram clears an action after five seconds: sent again a little before. */
const REPEAT_MS = 4_500;
/**
 * The first action is awaited this long at most before the work starts: a chart is rendered
 * synchronously, and a request still waiting to leave would only go out after it.
 */
const FIRST_WAIT_MS = 1_000;

type Signal = Parameters<Api['sendChatAction']>[3];

export async function withChatAction<T>(ctx: Context, action: ChatAction, work: () => Promise<T>): Promise<T> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return work();
  const thread = ctx.msg?.is_topic_message ? { message_thread_id: ctx.msg.message_thread_id } : {};
  // Aborted when the work is done: an action answered late must not show after the reply.
  const controller = new AbortController();
  let inFlight: Promise<void> | undefined;
  const send = (): Promise<void> => {
    inFlight ??= ctx.api
      .sendChatAction(chatId, action, thread, controller.signal as Signal)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  const repeat = setInterval(() => void send(), REPEAT_MS);
  let firstWait: NodeJS.Timeout | undefined;
  try {
    await Promise.race([send(), new Promise<void>((resolve) => (firstWait = setTimeout(resolve, FIRST_WAIT_MS)))]);
    return await work();
  } finally {
    clearTimeout(firstWait);
    clearInterval(repeat);
    controller.abort();
  }
}
