import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness';
import { grantRole } from './users';

describe('granting the moderator role', () => {
  it('lets a user moderate from their next request, and says when there is no such user', async () => {
    const t = testApp();
    const token = await t.signIn('someone');
    expect((await t.call('GET', '/v1/moderation/stores', { token })).status).toBe(403);
    const me = await t.call('GET', '/v1/me', { token });
    expect(await grantRole(t.db, t.clock.now(), me.body.user.id, 'moderator')).toBe(true);
    expect((await t.call('GET', '/v1/moderation/stores', { token })).status).toBe(200);
    expect(await grantRole(t.db, t.clock.now(), 'us_00000000000000000000000000000000', 'moderator')).toBe(
      false,
    );
  });
});
