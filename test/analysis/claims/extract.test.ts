import { describe, expect, it } from 'vitest';
import { extractNumbers, isSpecification, isStatistic, isUnitPrice, valueKey, type NumericExpression } from '../../../src/analysis/claims/extract.js';
import { foldWidth } from '../../../src/analysis/claims/width.js';

function one(text: string): NumericExpression {
  const found = extractNumbers(text);
  expect(found, `one expression in ${JSON.stringify(text)}: ${JSON.stringify(found)}`).toHaveLength(1);
  return found[0]!;
}

function read(text: string) {
  const e = one(text);
  return { kind: e.kind, value: e.value, high: e.high, unit: e.unit, span: text.slice(e.start, e.end) };
}

describe('foldWidth', () => {
  it('folds full-width digits, signs and letters without changing the length', () => {
    const input = '２０２５年、１．５兆円、２０％、＄３．２Ｂ、３〜５割';
    const folded = foldWidth(input);
    expect(folded).toBe('2025年、1.5兆円、20%、$3.2B、3〜5割');
    expect(folded.length).toBe(input.length);
  });
});

describe('extractNumbers: every unit in half- and full-width forms', () => {
  const cases: [string, string, Partial<ReturnType<typeof read>>][] = [
    // percentages
    ['20%', '２０％', { kind: 'percent', value: 20, unit: '%' }],
    ['20パーセント', '２０パーセント', { kind: 'percent', value: 20, unit: '%' }],
    ['3割', '３割', { kind: 'percent', value: 30, unit: '%' }],
    ['12.5%', '１２．５％', { kind: 'percent', value: 12.5 }],
    // multiples
    ['2.5倍', '２．５倍', { kind: 'multiple', value: 2.5, unit: 'x' }],
    ['2x faster', '２ｘ faster', { kind: 'multiple', value: 2, span: undefined }],
    // money and scale
    ['10兆円', '１０兆円', { kind: 'money', value: 10e12, unit: 'JPY' }],
    ['640億ドル', '６４０億ドル', { kind: 'money', value: 640e8, unit: 'USD' }],
    ['$3.2B', '＄３．２Ｂ', { kind: 'money', value: 3.2e9, unit: 'USD' }],
    ['1.5兆', '１．５兆', { kind: 'count', value: 1.5e12 }],
    ['500万人', '５００万人', { kind: 'count', value: 5e6, unit: '人' }],
    ['3億5千万人', '３億５千万人', { kind: 'count', value: 3.5e8, unit: '人' }],
    ['1兆5000億円', '１兆５０００億円', { kind: 'money', value: 1.5e12, unit: 'JPY' }],
    // counts and rankings
    ['1,000社', '１，０００社', { kind: 'count', value: 1000, unit: '社' }],
    ['第1位', '第１位', { kind: 'rank', value: 1 }],
    ['No.1', 'Ｎｏ．１', { kind: 'rank', value: 1 }],
    // years and dates
    ['2025年', '２０２５年', { kind: 'year', value: 2025 }],
    ['2025年12月30日', '２０２５年１２月３０日', { kind: 'date' }],
    ['12月30日', '１２月３０日', { kind: 'date' }],
    // ranges
    ['3〜5割', '３〜５割', { kind: 'percent', value: 30, high: 50 }],
    ['20〜30%', '２０～３０％', { kind: 'percent', value: 20, high: 30 }],
    ['1〜2兆円', '１〜２兆円', { kind: 'money', value: 1e12, high: 2e12 }],
  ];
  for (const [half, full, expected] of cases) {
    it(`${half} / ${full}`, () => {
      const a = read(half);
      const b = read(full);
      const { span: _span, ...rest } = expected;
      expect(a).toMatchObject(rest);
      expect(b).toMatchObject(rest);
      expect(valueKey(one(half))).toBe(valueKey(one(full)));
    });
  }

  it('reads word multiples: 倍増, 半減, twice, doubled, 二倍', () => {
    expect(read('性能倍増')).toMatchObject({ kind: 'multiple', value: 2, span: '倍増' });
    expect(read('コスト半減')).toMatchObject({ kind: 'multiple', value: 0.5, span: '半減' });
    expect(read('twice as fast')).toMatchObject({ kind: 'multiple', value: 2 });
    expect(read('sales doubled')).toMatchObject({ kind: 'multiple', value: 2 });
    expect(read('速度が二倍')).toMatchObject({ kind: 'multiple', value: 2, span: '二倍' });
    expect(read('三割')).toMatchObject({ kind: 'percent', value: 30 });
  });

  it('reads English scale words, percent words and counters', () => {
    expect(read('3 million users')).toMatchObject({ kind: 'count', value: 3e6, unit: 'users' });
    expect(read('20 percent')).toMatchObject({ kind: 'percent', value: 20 });
    expect(read('$1-2B')).toMatchObject({ kind: 'money', value: 1e9, high: 2e9 });
    expect(read('3 times faster')).toMatchObject({ kind: 'multiple', value: 3 });
    expect(read('in 2024')).toMatchObject({ kind: 'year', value: 2024 });
  });

  it('keeps qualifiers in the span: 以上, 超, 近く', () => {
    expect(one('75%以上の企業')).toMatchObject({ text: '75%以上', qualifier: 'atLeast' });
    expect(one('10万超のユーザー')).toMatchObject({ text: '10万超', qualifier: 'over', value: 1e5 });
    expect(one('20年近く')).toMatchObject({ text: '20年近く', qualifier: 'approx', kind: 'count' });
    expect(extractNumbers('強化された')).toEqual([]);
  });

  it('gives exact spans in the original (full-width) text', () => {
    const text = 'AIチップが２．５倍高速化し、コストは３〜５割減';
    const [a, b] = extractNumbers(text);
    expect(text.slice(a!.start, a!.end)).toBe('２．５倍');
    expect(text.slice(b!.start, b!.end)).toBe('３〜５割');
    expect(a!.text).toBe('2.5倍');
  });
});

describe('extractNumbers: what is not a claim', () => {
  it('skips versions and names with digits', () => {
    const found = extractNumbers('Jekyll 1.0.3 on Trainium2, H100, GPT-4, Inf2 and v2.5, 5G and 3D');
    expect(found).toEqual([]);
  });

  it('reads issue numbers and small counts as no statistics', () => {
    expect(extractNumbers('fixed #1040')).toEqual([]);
    expect(isStatistic(one('2つの感情'))).toBe(false);
    expect(isStatistic(one('20年前'))).toBe(false);
    expect(isStatistic(one('2025年'))).toBe(false);
    expect(isStatistic(one('第1位'))).toBe(false);
  });

  it('treats 100% and 0% as rhetoric, other figures as statistics', () => {
    expect(isStatistic(one('100%の自信'))).toBe(false);
    expect(isStatistic(one('20%向上'))).toBe(true);
    expect(isStatistic(one('2.5倍'))).toBe(true);
    expect(isStatistic(one('640億ドル'))).toBe(true);
    expect(isStatistic(one('1,000社'))).toBe(true);
    expect(isStatistic(one('500社'))).toBe(false);
  });

  // Real figures: ai-blog-system _posts/2025-09-05-1-084354.md lines 3, 22 and _posts/2025-08-31-2-004839.md
  // lines 113, 115 (MIT).
  it('reads capacities and size labels of a named thing as specifications, not statistics', () => {
    for (const spec of ['256,000トークン', '100万トークン', '1Mトークン', '1750億パラメータ', '80GB', '120B', '20B']) {
      expect([spec, isSpecification(one(spec)), isStatistic(one(spec))]).toEqual([spec, true, false]);
    }
    // Counts of people, companies or money stay statistics, with or without a scale letter.
    for (const stat of ['5億人', '1,000社', '$6.84B', '194億ドル', '10億']) {
      expect([stat, isSpecification(one(stat)), isStatistic(one(stat))]).toEqual([stat, false, true]);
    }
  });

  it('reads an amount of money charged per unit of use or time as a price', () => {
    const price = (text: string, figure: string) => {
      const at = text.indexOf(figure);
      const e = extractNumbers(text).find((x) => x.text === figure)!;
      return isUnitPrice(e, text.slice(Math.max(0, at - 32), at), text.slice(at + figure.length));
    };
    expect(price('GPT-4o mini: 入力$0.15/1M, 出力$0.60/1M', '$0.15')).toBe(true);
    expect(price('The Team plan costs $25 per user per month.', '$25')).toBe(true);
    expect(price('月額1,500円で使えます。', '1,500円')).toBe(true);
    expect(price('100万トークンあたり0.15ドルです。', '0.15ドル')).toBe(true);
    const title = 'OpenAIのGPT-4o miniは1Mトークンあたり入力$0.15 / 出力$0.60というコストで';
    expect([price(title, '$0.15'), price(title, '$0.60')]).toEqual([true, true]);
    expect(price('1時間あたりの処理件数は増え、売上は10億円に', '10億円')).toBe(false);
    expect(price('マイクロソフトが100億ドルを投じる。', '100億ドル')).toBe(false);
    // Per year is how revenue and markets are stated too: not read as a price.
    expect(price('売上高は640億ドル/年の規模に', '640億ドル')).toBe(false);
  });

  it('reads the context a character-code look decides before each slice and regex', () => {
    const texts = (text: string) => extractNumbers(text).map((e) => e.text);
    // A number after a version word is part of a name: `ver` matches at the end of "over" too
    // (Prometheus blog, 2024-09-11-prometheus-3-beta.md, Apache-2.0).
    expect(texts('With over 7500 commits in the 7 years since Prometheus 2.0 came out')).toEqual(['7', '2.0']);
    expect(texts('version 3 / release 4 / Ver.5 / v 6 / 7 users')).toEqual(['7 users']);
    expect(texts('2025年3月に、3月1日と2025/1/2と2025-12-30、12月')).toEqual(['2025年3月', '3月1日', '2025/1/2', '2025-12-30', '12']);
    expect(texts('5 or more, 20%以上, 3強化, 4強, 5+')).toEqual(['5 or more', '20%以上', '3', '4強', '5+']);
    expect(texts('3カ国, 5ヶ月, 10米ドル, 20ドル, 7元, 2000年代, 2025年, 20年間, 1位')).toEqual(['3カ国', '5ヶ月', '10米ドル', '20ドル', '7元', '2000年', '2025年', '20年間', '1位']);
  });

  it('stays linear on adversarial input', () => {
    // 300 kB of separators and digits: a backtracking regex would not return.
    const digits = '1,'.repeat(100_000) + '1.'.repeat(50_000) + '倍'.repeat(1000);
    const found = extractNumbers(digits);
    expect(found.length).toBeGreaterThan(0);
    const ranges = '1〜'.repeat(100_000);
    expect(extractNumbers(ranges).length).toBeGreaterThan(0);
  });
});
