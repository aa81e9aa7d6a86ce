/** Search: suggestions as you type, recent and hot keywords, then results with filters, sort and paging. */

import { categories } from '../../services/catalog';
import { messageOf } from '../../services/errors';
import { hotKeywords, type SearchFilters, type Sort, searchProducts, suggest } from '../../services/search';
import type { Category } from '../../services/types';
import { yuanToFen } from '../../utils/format';
import { dataOf, go, param, routes } from '../../utils/nav';
import { clearRecentSearches, recentSearches, rememberSearch } from '../../utils/recent-searches';
import { appendKeys } from '../../utils/set-data';
import { type HitView, hitView, topValues } from './view';

const SUGGEST_DELAY_MS = 150;
/** Answers to an older search or suggestion than the latest are dropped. */
let searchSeq = 0;
let suggestSeq = 0;
let suggestTimer = 0;

Component({
  data: {
    q: '',
    suggestions: [] as string[],
    recent: [] as string[],
    hot: [] as string[],
    categoryOptions: [] as Category[],
    cityOptions: [] as string[],
    searched: false,
    hits: [] as HitView[],
    total: 0,
    /** 共 N 件 when the total is exact, 约 N 件 when the service estimated it. */
    totalPrefix: '共',
    page: 0,
    hasMore: false,
    loading: false,
    error: '',
    sort: 'relevance' as Sort,
    category: '',
    city: '',
    priceMin: '',
    priceMax: '',
    showFilters: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const q = param(query, 'q');
      const category = param(query, 'category');
      this.setData({ q, category, recent: recentSearches() });
      hotKeywords().then(
        (hot) => this.setData({ hot }),
        () => {},
      );
      categories().then(
        (categoryOptions) => this.setData({ categoryOptions }),
        () => {},
      );
      if (q || category) this.search();
    },
    onReachBottom() {
      if (this.data.hasMore && !this.data.loading) this.fetchPage(this.data.page + 1);
    },
    onInput(e: WechatMiniprogram.Input) {
      const q = e.detail.value;
      this.setData({ q });
      clearTimeout(suggestTimer);
      if (!q.trim()) {
        this.setData({ suggestions: [], searched: false });
        return;
      }
      suggestTimer = setTimeout(() => this.loadSuggestions(q), SUGGEST_DELAY_MS);
    },
    async loadSuggestions(q: string) {
      const seq = ++suggestSeq;
      try {
        const suggestions = await suggest(q);
        if (seq === suggestSeq && this.data.q === q) this.setData({ suggestions });
      } catch {
        // Suggestions are a nicety: typing and searching still work without them.
      }
    },
    onConfirm() {
      this.search();
    },
    pickKeyword(e: WechatMiniprogram.BaseEvent) {
      this.setData({ q: dataOf(e, 'q') });
      this.search();
    },
    clearRecent() {
      clearRecentSearches();
      this.setData({ recent: [] });
    },
    setSort(e: WechatMiniprogram.BaseEvent) {
      this.setData({ sort: dataOf(e, 'sort') as Sort });
      this.fetchPage(1);
    },
    toggleFilters() {
      this.setData({ showFilters: !this.data.showFilters });
    },
    pickCategory(e: WechatMiniprogram.BaseEvent) {
      const id = dataOf(e, 'id');
      this.setData({ category: this.data.category === id ? '' : id });
      this.fetchPage(1);
    },
    pickCity(e: WechatMiniprogram.BaseEvent) {
      const city = dataOf(e, 'city');
      this.setData({ city: this.data.city === city ? '' : city });
      this.fetchPage(1);
    },
    onPriceMin(e: WechatMiniprogram.Input) {
      this.setData({ priceMin: e.detail.value });
    },
    onPriceMax(e: WechatMiniprogram.Input) {
      this.setData({ priceMax: e.detail.value });
    },
    applyFilters() {
      this.setData({ showFilters: false });
      this.fetchPage(1);
    },
    resetFilters() {
      this.setData({ category: '', city: '', priceMin: '', priceMax: '', showFilters: false });
      this.fetchPage(1);
    },
    openHit(e: WechatMiniprogram.BaseEvent) {
      go(routes.product(dataOf(e, 'id')));
    },
    search() {
      clearTimeout(suggestTimer);
      suggestSeq++;
      const q = this.data.q.trim();
      this.setData({ suggestions: [], recent: rememberSearch(q) });
      this.fetchPage(1);
    },
    filters(): SearchFilters {
      const { category, city, priceMin, priceMax } = this.data;
      let min = yuanToFen(priceMin);
      let max = yuanToFen(priceMax);
      if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
      return {
        ...(category ? { category } : {}),
        ...(city ? { city } : {}),
        ...(min !== undefined ? { priceMin: min } : {}),
        ...(max !== undefined ? { priceMax: max } : {}),
      };
    },
    async fetchPage(page: number) {
      const seq = ++searchSeq;
      const first = page === 1;
      this.setData(
        first ? { searched: true, loading: true, error: '', hits: [], total: 0, page: 0 } : { loading: true },
      );
      try {
        const res = await searchProducts({
          q: this.data.q.trim(),
          sort: this.data.sort,
          page,
          ...this.filters(),
        });
        if (seq !== searchSeq) return;
        const views = res.hits.map(hitView);
        const shown = (first ? 0 : this.data.hits.length) + views.length;
        this.setData({
          ...(first ? { hits: views } : appendKeys('hits', this.data.hits.length, views)),
          ...(first ? { cityOptions: topValues(res.facets?.city) } : {}),
          total: res.total,
          totalPrefix: res.exhaustive === false ? '约' : '共',
          page,
          hasMore: views.length > 0 && shown < res.total,
          loading: false,
        });
      } catch (err) {
        if (seq === searchSeq) this.setData({ loading: false, error: messageOf(err) });
      }
    },
    retry() {
      this.fetchPage(this.data.page + 1);
    },
  },
});
