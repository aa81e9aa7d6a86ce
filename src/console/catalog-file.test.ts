import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchOfFile } from './catalog-file';

describe('catalog upload files', () => {
  it('reads a CSV with quoted fields, lists and prices into batch items', () => {
    const csv =
      '\uFEFFexternalId,title,price,images,tags\n' +
      'A1,"北欧风餐桌, 1.4米",129900,https://img.example.com/a.jpg|https://img.example.com/b.jpg,实木|北欧\n' +
      'A2,"带""引号""的标题",abc,,\n';
    const parsed = batchOfFile('items.csv', csv);
    expect(parsed).toEqual({
      ok: true,
      body: {
        upsert: [
          {
            externalId: 'A1',
            title: '北欧风餐桌, 1.4米',
            price: 129900,
            images: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
            tags: ['实木', '北欧'],
          },
          { externalId: 'A2', title: '带"引号"的标题', price: 'abc' },
        ],
      },
    });
  });

  it('takes a JSON batch or a bare array of items', () => {
    expect(batchOfFile('a.json', '[{"externalId":"x"}]')).toEqual({
      ok: true,
      body: { upsert: [{ externalId: 'x' }] },
    });
    expect(batchOfFile('a.json', '{"delete":["x"]}')).toEqual({ ok: true, body: { delete: ['x'] } });
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(batchOfFile('a.json', '{nope')).toMatchObject({ ok: false });
    expect(batchOfFile('a.csv', 'title,price\nx,1\n')).toEqual({
      ok: false,
      message: 'CSV 表头需要 externalId 列',
    });
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a.csv', 'a.json', 'a.txt'), (content, name) => {
        const parsed = batchOfFile(name, content);
        expect(typeof parsed.ok).toBe('boolean');
      }),
    );
  });
});
