/**
 * A library that most updates never need (exceljs, resvg, ics, the init-data checker), loaded at its
 * first use instead of at start-up: the idle process stays small. Loaded once and kept; a load
 * that failed is tried again at the next use.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
