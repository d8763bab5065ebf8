/** Checks that a loopback port is free before a component is started on it. */
import { createServer } from 'node:net';
import { ClusterError } from './errors.js';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortFree(component: string, port: number): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new ClusterError(
      component,
      `port ${port} on 127.0.0.1 is already in use by another program; stop it or choose other ports with --port-base`,
    );
  }
}
