import type { Claim } from './post-claims.js';

/**
 * Grammar of figures, read from the few characters around a claim (`Claim.before` / `Claim.after`:
 * same line, width-folded, emphasis removed). Every pattern is a bounded, linear regex.
 *
 * Noun classes (what the figure modifies through `の`, or the noun before it with a particle):
 * - population: a set of actors a share is taken of (企業, 開発者, ユーザー, users…). A share of a
 *   population is at most 100%; after the adverb `より` it is the pipeline's `より多くの` → `より75%以上の`.
 * - no-quantity: qualitative nouns that take no percentage (見直し, 刷新, 価値提供, 変革…). `大幅な見直し`
 *   makes sense, `300%の見直し` does not: the figure replaced an adjective.
 * - reduction: 削減, 低下, 短縮, カット, reduction…; a reduction of more than 100% is impossible.
 * - bounded rate: 精度, 正答率, シェア, 普及率, accuracy, market share…; at most 100%.
 */
const POPULATION =
  '(?:中小企業|大企業|企業|会社|開発者|エンジニア|ユーザー|利用者|人々|組織|団体|顧客|消費者|従業員|社員|研究者|研究機関|自治体|家庭|学生|投資家|経営者|スタートアップ|事業者|プロジェクト|人(?![材気工件口物])|国(?![内産際民])|方々)';
const NO_QUANTITY =
  '(?:見直し|刷新|リニューアル|変革|改革|転換|再構築|再編|再設計|価値提供|貢献|飛躍|躍進|進化|革新|前進|変化|転機|民主化|イノベーション)';
const REDUCTION = '(?:削減|低減|減少|低下|短縮|カット|割引|値下げ|節約|圧縮|削除)';
const BOUNDED_RATE =
  '(?:シェア|占有率|普及率|導入率|利用率|正答率|正解率|精度|稼働率|検知率|検出率|認識率|成功率|的中率|カバー率|回答率|解約率|離職率|満足度)';
const PREFIX = '[\\p{sc=Han}\\p{sc=Katakana}ーA-Za-z]{0,6}?';

const AFTER_POPULATION = new RegExp(`^\\s?の\\s?${POPULATION}`, 'u');
const AFTER_NO_QUANTITY = new RegExp(`^\\s?の\\s?${PREFIX}${NO_QUANTITY}`, 'u');
const AFTER_REDUCTION = new RegExp(`^\\s?(?:の\\s?)?${PREFIX}${REDUCTION}`, 'u');
const AFTER_RATE = new RegExp(`^\\s?の\\s?${PREFIX}${BOUNDED_RATE}`, 'u');
const BEFORE_RATE = new RegExp(`${BOUNDED_RATE}(?:は|が|を|で|も|:|：)?\\s?(?:約|最大|最大で|およそ)?$`, 'u');
const EN_AFTER_POPULATION = /^ of (?:all |the )?(?:users|companies|customers|people|respondents|developers|businesses|organizations|employees|enterprises|teams|the market)\b/i;
const EN_AFTER_REDUCTION = /^ (?:reduction|decrease|drop|cut|fewer|less)\b/i;
const EN_AFTER_NO_QUANTITY = /^ (?:overhaul|rethink|revamp|transformation|redesign|reinvention)\b/i;
// `cut memory use by 150%`: up to three words between the verb and `by`.
const EN_BEFORE_REDUCTION = /\b(?:reduced?|reducing|cut(?:ting|s)?|lower(?:ed|ing|s)?|decreased?|dropped|fell|shrank|shrunk|saves?|saving)(?: [a-z]+){0,3} by (?:about |nearly |over |up to )?$/i;
const EN_BEFORE_RATE = /\b(?:accuracy|market share|share|uptime) (?:of |is |was |reached |at )?$/i;
const COMPARATIVE_YORI = /(?<!に)より\s?$/u;

export type NounClass = 'population' | 'no-quantity' | 'reduction' | 'rate';

/** What a percentage is a percentage of, when its grammar says so. */
export function nounClass(claim: Claim): NounClass | null {
  const { after, before } = claim;
  if (AFTER_POPULATION.test(after) || EN_AFTER_POPULATION.test(after)) return 'population';
  if (AFTER_NO_QUANTITY.test(after) || EN_AFTER_NO_QUANTITY.test(after)) return 'no-quantity';
  if (AFTER_REDUCTION.test(after) || EN_AFTER_REDUCTION.test(after) || EN_BEFORE_REDUCTION.test(before)) return 'reduction';
  if (AFTER_RATE.test(after) || BEFORE_RATE.test(before) || EN_BEFORE_RATE.test(before)) return 'rate';
  return null;
}

export type PastedPattern = 'comparative-share' | 'no-quantity';

/**
 * The two grammatical shapes of a pasted figure (percentages only):
 * - comparative-share: `より` directly followed by a share of a population (`より75%以上の企業`). `より`
 *   before a figure compares (`前年より20%増加`); before a share of people it can only be the adverb
 *   "more", so the figure replaced `多くの`.
 * - no-quantity: a percentage modifying a qualitative noun through `の` (`300%の見直し`,
 *   `300%の価値提供`); it replaced `大幅な`.
 */
export function pastedPattern(claim: Claim): PastedPattern | null {
  if (claim.kind !== 'percent') return null;
  if (COMPARATIVE_YORI.test(claim.before) && AFTER_POPULATION.test(claim.after)) return 'comparative-share';
  if (AFTER_NO_QUANTITY.test(claim.after)) return 'no-quantity';
  return null;
}

/** Why a percentage cannot be right: a share, a rate or a reduction over 100%, or a qualitative noun. */
export function implausibleReason(claim: Claim): NounClass | null {
  if (claim.kind !== 'percent') return null;
  if (Math.max(claim.value, claim.high ?? 0) <= 100) return null;
  // "over 100%" / "100%以上" of something is at most hyperbole; only figures above 100 are read.
  return nounClass(claim);
}

const AFTER_GROWTH = /^\s?の\s?(?:成長|伸び|増加|上昇)/u;

/** Class of a figure phrase for a plain-word fix when it recurs across posts: population or growth. */
export function recurringFixClass(claim: Claim): 'population' | 'growth' | null {
  if (claim.kind !== 'percent' || (claim.qualifier !== 'atLeast' && claim.qualifier !== 'over')) return null;
  if (AFTER_POPULATION.test(claim.after)) return 'population';
  if (AFTER_GROWTH.test(claim.after)) return 'growth';
  return null;
}
