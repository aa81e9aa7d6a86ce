import { describe, expect, it } from 'vitest';
import { useShopper } from './marketplace';
import { text, waitFor } from './pages';

const { mp } = useShopper(() => 'shopper-home');

const openHome = async () => {
  const page = mp().open('pages/home/index');
  await waitFor(() => page.querySelectorAll('.post').length > 0 && !page.data.loading, 'the feed');
  return page;
};

describe('home page', () => {
  it('shows the feed with each post’s store and linked products, and loads more on scroll', async () => {
    const page = await openHome();
    expect(page.querySelectorAll('.post')).toHaveLength(10);
    expect(text(page.querySelectorAll('.post')[0])).toContain('杭州小林家居馆');
    expect(text(page.querySelectorAll('.linked')[0])).toBe('北欧风实木餐桌 1号 1.4米 橡木原木色¥1299.01');
    page.instance.onReachBottom();
    await waitFor(() => page.querySelector('#feed-end'), 'the end of the feed');
    expect(page.querySelectorAll('.post')).toHaveLength(14);
    expect(new Set(page.data.items.map((i: { id: string }) => i.id)).size).toBe(14);
  });

  it('refreshes on pull-down and stops the indicator', async () => {
    const page = await openHome();
    const stops = mp().wx.records.pullDownStops;
    await page.instance.onPullDownRefresh();
    expect(mp().wx.records.pullDownStops).toBe(stops + 1);
    expect(page.querySelectorAll('.post')).toHaveLength(10);
  });

  it('opens a category in search', async () => {
    const page = await openHome();
    await waitFor(() => page.querySelectorAll('.category').length === 11, 'categories');
    page
      .querySelectorAll('.category')
      .find((c) => text(c) === '服饰')!
      .dispatchEvent('tap');
    await waitFor(() => mp().wx.records.navigations.at(-1)?.includes('category='), 'navigation');
    const search = mp().follow();
    await waitFor(() => search.data.searched && !search.data.loading, 'results');
    expect(search.data.total).toBe(2);
  });

  it('opens a post with its linked products and asks the vendor about it', async () => {
    const page = await openHome();
    page.querySelectorAll('.post-body')[0]!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.navigations.at(-1)?.startsWith('/pages/post/'), 'navigation');
    const post = mp().follow();
    await waitFor(() => post.querySelectorAll('.linked').length === 1, 'linked products');
    const title = text(post.querySelector('#post-title'));
    expect(title).toMatch(/^新品上架：北欧餐桌第\d+期$/);
    expect(text(post.querySelectorAll('.linked')[0])).toContain('北欧风实木餐桌 1号');

    post.querySelector('#ask-vendor')!.dispatchEvent('tap');
    const sheet = await waitFor(() => post.querySelector('#friend-sheet'), 'the sheet');
    await waitFor(() => text(sheet.querySelector('#friend-greeting')), 'the greeting');
    expect(text(sheet.querySelector('#friend-greeting'))).toBe(
      `你好，我在集市看到你的「${title}」，想了解一下`,
    );
    expect(post.instance.onShareAppMessage()).toEqual({
      title,
      path: `/pages/post/index?id=${post.data.id}`,
    });
  });
});
