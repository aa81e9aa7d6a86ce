import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sceneFor } from '../../src/sharing/scene';
import { idFromScene } from '../utils/scene';
import { useShopper } from './marketplace';
import { text, waitFor } from './pages';

const hexId = (prefix: string) => fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `${prefix}_${hex}`);

describe('idFromScene reads what the service’s sceneFor writes', () => {
  it('for every product and store id, packed or not, as the page query gives it', () => {
    fc.assert(
      fc.property(
        fc.oneof(hexId('pr'), fc.stringMatching(/^[A-Za-z0-9_-]{1,28}$/)),
        fc.oneof(hexId('st'), fc.stringMatching(/^[A-Za-z0-9_-]{1,28}$/)),
        (productId, storeId) => {
          expect(idFromScene(encodeURIComponent(sceneFor('product', productId)), 'product')).toBe(productId);
          expect(idFromScene(encodeURIComponent(sceneFor('store', storeId)), 'store')).toBe(storeId);
          expect(idFromScene(encodeURIComponent(sceneFor('store', storeId)), 'product')).toBe('');
        },
      ),
    );
  });

  it('gives nothing for what it cannot read', () => {
    for (const scene of [undefined, '', '%E0%A4%A', 'p=', '=x', 'p=!!', 'p=AAAA', 'q=1']) {
      expect(idFromScene(scene, 'product')).toBe('');
    }
  });
});

const { market, mp } = useShopper(() => 'shopper-scene');

describe('opening from a mini-program code', () => {
  it('shows the product the code was made for', async () => {
    const id = market.seeded().home.productIds[1]!;
    const page = mp().open('pages/product/index', { scene: encodeURIComponent(sceneFor('product', id)) });
    await waitFor(() => text(page.querySelector('#product-title')), 'the product');
    expect(text(page.querySelector('#product-title'))).toBe('北欧风实木餐桌 2号 1.4米 橡木原木色');
  });
});
