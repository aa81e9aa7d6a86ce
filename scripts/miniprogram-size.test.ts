import { describe, expect, it } from 'vitest';
import { formatReport, measurePackage, packageFiles, SIZE_LIMIT_BYTES } from './miniprogram-size';

describe('the mini-program package', () => {
  it('stays within WeChat’s original 1,024 KB package limit', () => {
    const report = measurePackage();
    expect(report.totalBytes).toBeGreaterThan(0);
    expect(report.totalBytes).toBeLessThanOrEqual(SIZE_LIMIT_BYTES);
    expect(formatReport(report)).toMatch(/^total\s+\d+\s+[\d.]+ KB$/m);
  });

  it('ships compiled pages and leaves out tests, TypeScript, declarations and tooling', () => {
    const paths = packageFiles().map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['app.js', 'app.json', 'pages/search/index.js', 'pages/search/index.wxml']),
    );
    expect(paths.filter((p) => /\.ts$|^test\/|(^|\/)(package|tsconfig)\.json$|\.md$/.test(p))).toEqual([]);
  });
});
