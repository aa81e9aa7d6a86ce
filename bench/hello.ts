/**
 * The throughput baselines: a bare Hono hello-world (`new Hono().get('/', c => c.text('hello'))`)
 * on 127.0.0.1, and on the same bare server a fixed JSON body (`GET /json`) of a search answer's
 * size, to show what the load generator itself can take of responses that large.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export async function startHello(json: Uint8Array<ArrayBuffer> = new TextEncoder().encode('{}')) {
  const app = new Hono()
    .get('/', (c) => c.text('hello'))
    .get('/json', (c) => c.body(json, 200, { 'Content-Type': 'application/json' }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
