/** Highlighting titles: escaped HTML, matches in <em>, found through normalisation, typos, prefixes and pinyin. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer';
import { createNodeSegmenter } from './jieba-node';
import { createTypoIndex } from './typo';

const analyzer = createAnalyzer(createNodeSegmenter());
const typos = createTypoIndex(['nintendo', 'switch', 'huawei', 'iphone']);

const titles = {
  mate: 'HUAWEI Mate 60 Pro 5G手机 12GB+512GB 雅川青',
  iphone: 'Apple iPhone 15 128GB 国行正品',
  k380: '罗技 K380 蓝牙键盘 多设备切换 静音',
  facewash: '曼秀雷敦 男士洗面奶 控油 150ml',
  laptopBag: '14寸电脑包 防泼水 通勤',
  detergent: '蓝月亮 深层洁净洗衣液 3kg 薰衣草香',
  eyeCream: '雅诗兰黛 小棕瓶眼霜 15ml 淡化细纹',
  switch: 'Nintendo Switch OLED 游戏机 日版',
  levis: "Levi's 501 经典直筒牛仔裤",
  script: '<script>alert("x")</script> & 口红 \'礼盒\'',
};

describe('highlight', () => {
  const hl = (name: keyof typeof titles, q: string) => analyzer.highlight(titles[name], q, { typos });

  it('wraps the matched words of the original title', () => {
    expect(hl('mate', 'mate60')).toBe('HUAWEI <em>Mate 60</em> Pro 5G手机 12GB+512GB 雅川青');
    expect(hl('facewash', '洗面奶')).toBe('曼秀雷敦 男士<em>洗面奶</em> 控油 150ml');
    expect(hl('k380', 'k380 键盘')).toBe('罗技 <em>K380</em> 蓝牙<em>键盘</em> 多设备切换 静音');
  });

  it('finds matches through case, width, script, typos and prefixes', () => {
    expect(hl('iphone', 'ＩＰＨＯＮＥ')).toBe('Apple <em>iPhone</em> 15 128GB 国行正品');
    expect(hl('laptopBag', '電腦包')).toBe('14寸<em>电脑包</em> 防泼水 通勤');
    expect(hl('switch', 'nitnendo')).toBe('<em>Nintendo</em> Switch OLED 游戏机 日版');
    expect(hl('switch', 'swi')).toBe('Nintendo <em>Switch</em> OLED 游戏机 日版');
    expect(hl('eyeCream', '雅诗')).toBe('<em>雅诗</em>兰黛 小棕瓶眼霜 15ml 淡化细纹');
  });

  it('marks the Han word whose pinyin matched', () => {
    expect(hl('laptopBag', 'diannaobao')).toBe('14寸<em>电脑包</em> 防泼水 通勤');
    expect(hl('detergent', 'xiyiye')).toBe('蓝月亮 深层洁净<em>洗衣液</em> 3kg 薰衣草香');
  });

  it('escapes everything else', () => {
    expect(hl('script', '口红')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <em>口红</em> &#39;礼盒&#39;',
    );
    expect(hl('script', 'script')).toBe(
      '&lt;<em>script</em>&gt;alert(&quot;x&quot;)&lt;/<em>script</em>&gt; &amp; 口红 &#39;礼盒&#39;',
    );
    expect(analyzer.highlight('<b>', '')).toBe('&lt;b&gt;');
    expect(hl('levis', 'levis')).toBe('<em>Levi&#39;s</em> 501 经典直筒牛仔裤');
  });

  it('maps back through characters that normalise to several', () => {
    expect(analyzer.highlight('５００㎖ 洗衣液', 'ml')).toBe('５００<em>㎖</em> 洗衣液');
    expect(analyzer.highlight('Café Noir', 'cafe')).toBe('<em>Café</em> Noir');
  });
});
