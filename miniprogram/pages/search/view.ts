/** How search hits and facets are shaped for the search page's template. */

import type { ProductHit } from '../../services/types';
import { formatPrice } from '../../utils/format';
import type { Segment } from '../../utils/highlight';
import { parseHighlight } from '../../utils/highlight';

export interface HitView {
  id: string;
  segments: Segment[];
  price: string;
  store: string;
  imageUrl: string;
}

export function hitView(hit: ProductHit): HitView {
  return {
    id: hit.id,
    segments: parseHighlight(hit.highlight.title),
    price: formatPrice(hit.price),
    store: `${hit.store.name} · ${hit.store.city}`,
    imageUrl: hit.imageUrl ?? '',
  };
}

/** The most common values of a facet, for filter chips. */
export function topValues(facet: Record<string, number> | undefined, n = 8): string[] {
  return Object.entries(facet ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([value]) => value);
}
