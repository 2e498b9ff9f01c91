import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from '../../logger.js';

/** Gives every update its own child logger (update_id), and logs how long it took. */
export function updateLogger<C extends Context & { log: Logger }>(logger: Logger): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    // Below debug (production), nothing is timed or built for the two lines it would not write.
    if (!ctx.log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    ctx.log.debug({ chat_id: ctx.chat?.id, from_id: ctx.from?.id, type: Object.keys(ctx.update)[1] }, 'update received');
    try {
      await next();
    } finally {
      ctx.log.debug({ ms: Math.round((performance.now() - started) * 10) / 10 }, 'update handled');
    }
  };
}
