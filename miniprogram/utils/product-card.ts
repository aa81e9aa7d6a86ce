/** A product as the small cards on store, product and post pages show it. */
import type { LinkedProduct, Product } from '../services/types';
import { formatPrice } from './format';

export interface ProductCard {
  id: string;
  title: string;
  price: string;
  imageUrl: string;
}

export function productCard(p: Product): ProductCard {
  return { id: p.id, title: p.title, price: formatPrice(p.price), imageUrl: p.images[0] ?? '' };
}

/** A product a post or feed item links, as the same card. */
export function linkedCard(p: LinkedProduct): ProductCard {
  return { id: p.id, title: p.title, price: formatPrice(p.price), imageUrl: p.imageUrl ?? '' };
}
