/** A product as the small cards on store, product and post pages show it. */
import type { Product } from '../services/types';
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
