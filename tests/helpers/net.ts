import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 at the moment of asking (for the app's HTTP server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
