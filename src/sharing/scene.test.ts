import { describe, expect, it } from 'vitest';
import { newId } from '../ids';
import { parseScene, sceneFor } from './scene';

const WECHAT_SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;

describe('mini-program scenes', () => {
  it('packs our ids into 24 characters WeChat accepts, and reads them back', () => {
    for (let i = 0; i < 200; i++) {
      const product = newId('pr');
      const store = newId('st');
      expect(sceneFor('product', product)).toMatch(WECHAT_SCENE);
      expect(sceneFor('product', product)).toHaveLength(24);
      expect(parseScene(sceneFor('product', product))).toEqual({ type: 'product', id: product });
      expect(parseScene(sceneFor('store', store))).toEqual({ type: 'store', id: store });
    }
  });

  it('carries an id of another shape as it is', () => {
    expect(sceneFor('product', 'pr_demo-1')).toBe('pid=pr_demo-1');
    expect(parseScene('pid=pr_demo-1')).toEqual({ type: 'product', id: 'pr_demo-1' });
    expect(sceneFor('store', 'st_0123')).toBe('sid=st_0123');
  });

  it('reads nothing from a scene it did not make', () => {
    for (const scene of ['', 'p', 'p=', '=abc', 'x=AAAAAAAAAAAAAAAAAAAAAA', 'p=short']) {
      expect(parseScene(scene)).toBeNull();
    }
  });
});
