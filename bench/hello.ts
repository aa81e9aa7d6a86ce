/** The throughput baseline: a bare Hono hello-world (`new Hono().get('/', c => c.text('hello'))`) on 127.0.0.1. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export async function startHello() {
  const app = new Hono().get('/', (c) => c.text('hello'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
