import { describe, expect, it } from 'vitest';
import { Counter, Histogram } from './metrics';

describe('Prometheus exposition', () => {
  it('writes labels sorted by name and escapes backslashes, quotes and newlines in values', () => {
    const c = new Counter('x_total', 'X.');
    c.inc({ route: '/a"b\\c\nd', method: 'GET' });
    c.inc({ method: 'GET', route: '/a"b\\c\nd' }, 2);
    expect(c.render().split('\n')[2]).toBe('x_total{method="GET",route="/a\\"b\\\\c\\nd"} 3');
  });

  it('keeps one series per label set in a histogram, with cumulative buckets', () => {
    const h = new Histogram('d_seconds', 'D.', [0.1, 1]);
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 0.5);
    h.observe({ route: '/b' }, 2);
    expect(h.render().split('\n').slice(2)).toEqual([
      'd_seconds_bucket{route="/a",le="0.1"} 1',
      'd_seconds_bucket{route="/a",le="1"} 2',
      'd_seconds_bucket{route="/a",le="+Inf"} 2',
      'd_seconds_sum{route="/a"} 0.55',
      'd_seconds_count{route="/a"} 2',
      'd_seconds_bucket{route="/b",le="0.1"} 0',
      'd_seconds_bucket{route="/b",le="1"} 0',
      'd_seconds_bucket{route="/b",le="+Inf"} 1',
      'd_seconds_sum{route="/b"} 2',
      'd_seconds_count{route="/b"} 1',
    ]);
  });
});
