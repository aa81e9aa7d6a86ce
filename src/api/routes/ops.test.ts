import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness';
import { jsonLogger } from '../../ops/logger';

describe('operations endpoints', () => {
  it('answers /healthz while the database answers, and 503 when it does not', async () => {
    const t = testApp();
    expect(await t.call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    t.db.raw.close();
    expect((await t.call('GET', '/healthz')).status).toBe(503);
  });

  it('counts requests by route pattern and status in Prometheus text', async () => {
    const t = testApp();
    await t.call('GET', '/v1/stores/st_a');
    await t.call('GET', '/v1/stores/st_b');
    await t.call('GET', '/nowhere');
    const res = await t.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.body).toContain(
      'http_requests_total{method="GET",route="/v1/stores/:storeId",status="404"} 2',
    );
    expect(res.body).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(res.body).toMatch(
      /http_request_duration_seconds_bucket\{method="GET",route="\/v1\/stores\/:storeId",le="\+Inf"\} 2/,
    );
  });

  it('gives every response a request id and every error the one error shape', async () => {
    const t = testApp();
    const res = await t.call('GET', '/nowhere');
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(res.body).toEqual({
      error: { code: 'not_found', message: expect.any(String), details: [], requestId: id },
    });
  });

  it('publishes an OpenAPI 3.1 document generated from the request schemas', async () => {
    const t = testApp();
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/auth/miniprogram',
      '/v1/stores',
      '/v1/stores/{storeId}',
      '/v1/stores/{storeId}/products/batch',
      '/v1/stores/{storeId}/posts/batch',
      '/v1/moderation/stores/{storeId}/decision',
      '/v1/moderation/audit',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    const product = res.body.components.schemas.ProductInput;
    expect(product.properties.price).toMatchObject({ type: 'integer', minimum: 0 });
    expect(res.body.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the interactive reference with its script from this server, not a CDN', async () => {
    const t = testApp();
    const page = await t.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/docs/scalar.js');
    expect(page.body).not.toMatch(/cdn\.jsdelivr|unpkg/);
    const script = await t.call('GET', '/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('logs one JSON line a request without tokens or secrets', async () => {
    const lines: string[] = [];
    const t = testApp({ logger: jsonLogger('info', (l) => lines.push(l)) });
    const token = await t.signIn('vendor-a');
    const storeId = await t.createStore(token);
    const key = await t.apiKey(token, storeId);
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: key, body: { upsert: [] } });
    const logged = lines.join('\n');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(key);
    const entry = JSON.parse(lines.at(-1)!);
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'request',
      route: '/v1/stores/:storeId/products/batch',
      status: 200,
      actor: 'api_key',
    });
    expect(entry.requestId).toBeTruthy();
  });
});
