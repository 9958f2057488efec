import type { Category, Fix, Language, LocalizedText, RelatedLocation, Severity } from '../core/finding.js';
import type { Post } from '../post/post.js';
import type { Config } from '../config/schema.js';
import type { Corpus } from '../analysis/corpus/corpus.js';
import type { SiteContext } from '../analysis/site/context.js';

/** A value a message template names: text, a number, or text in both languages. */
export type MessageValue = string | number | LocalizedText;

/**
 * What a rule reports. The engine turns it into a Finding: fills path, rule, category, picks the message
 * language and applies the configured severity. The message is named by `messageId` (ESLint's `meta.messages`),
 * filled in from `data`.
 */
export interface Report<MessageId extends string = string> {
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  /** A key of the rule's `messages`. */
  messageId: MessageId;
  /** The values of the message's `{{placeholders}}`. */
  data?: Record<string, MessageValue>;
  fix?: Fix;
  /** Overrides the rule's default severity for this report (e.g. a near repeat at 0.75 is a warning). */
  severity?: Severity;
  related?: RelatedLocation[];
}

/**
 * The ranking `lint/dedupe` uses when structural findings overlap, in one place: the finding that explains
 * more of the defect wins (a regenerated run of blocks explains the paragraph that ends mid-sentence inside it).
 */
export const SPECIFICITY = {
  /** A run of blocks generated again (duplication/repeated-run). */
  repeatedRun: 50,
  /** The whole article collapsed into one paragraph. */
  collapsedArticle: 45,
  /** A verbatim copy of a block, of the title, or a copy cut short. */
  exactCopy: 40,
  /** A near copy of a block; two posts with one title or one URL. */
  nearCopy: 30,
  /** A generator's end marker left in the text; another post on the same topic. */
  generationMarker: 25,
  sameTopic: 25,
  /** A paragraph split by a stray break; a passage copied from another post; a grounding tag left in. */
  splitParagraph: 20,
  citationTag: 20,
  /** The pipeline's instructions left in the post. */
  promptLeak: 18,
  /** A heading glued into a line of prose. */
  inlineHeading: 15,
  /** The post's last sentence cut off; an odd `**` left open. */
  postEndsMidSentence: 12,
  unclosedBold: 12,
  /** One paragraph cut off; a whole post close to another. */
  unfinishedParagraph: 10,
  /** A bracket left open: often the trace of a cut, rarely the cut itself. */
  unbalancedBrackets: 5,
} as const;

/**
 * What a rule sees. The shared analyses it calls keep their results on `post.memo` and `corpus.memo`
 * (see `core/memo.ts`), so rules that ask for the same analysis of a post share one computation.
 */
export interface RuleContext<Options = undefined> {
  post: Post;
  /**
   * The rule's settings, as its `options` selects them: its own, and those of the shared analyses it
   * calls, which it hands to them (`analyzeDuplication(post, options)`). A rule sees no other settings.
   */
  options: Options;
  /** The other posts of the corpus, when the caller has them (CLI directory / --corpus, the App). */
  corpus: Corpus;
  /** The site the post belongs to (its configuration, its other posts and their URLs), when one was found. */
  site?: SiteContext;
}

/**
 * The settings a rule reads (ESLint's `meta.schema` and `context.options`): keys of sections of the
 * settings file, which users still write as before (`frontMatter: { titleLength: … }`). The rule gets
 * them as one flat object; a key may therefore be named in one section only.
 */
export interface RuleOptions<Options> {
  /** The keys the rule reads, by section of the settings file (its own and its analyses'). */
  readonly keys: Readonly<Partial<Record<OptionSection, readonly string[]>>>;
  select(config: Config): Options;
  /**
   * Also these keys of another section (`ruleOptions('duplication', …).and('truncation', 'markers')`):
   * what a shared analysis the rule calls reads there.
   */
  and<S extends OptionSection, K extends keyof Config[S] & string>(section: S, ...keys: [K, ...K[]]): RuleOptions<Options & Pick<Config[S], K>>;
}

/** The sections of the settings file that hold rule options. */
export type OptionSection = 'frontMatter' | 'duplication' | 'truncation' | 'claims' | 'artifacts' | 'corpus' | 'site';

/** The rule reads these keys of a section: `ruleOptions('frontMatter', 'titleLength')`. */
export function ruleOptions<S extends OptionSection, K extends keyof Config[S] & string>(section: S, ...keys: [K, ...K[]]): RuleOptions<Pick<Config[S], K>> {
  return optionsOf({ [section]: keys });
}

function optionsOf<Options>(keys: Partial<Record<OptionSection, readonly string[]>>): RuleOptions<Options> {
  const named = Object.values(keys).flat();
  const twice = named.find((key, i) => named.indexOf(key) !== i);
  if (twice !== undefined) throw new Error(`rule options name \`${twice}\` twice: a rule's options are one flat object`);
  const sections = Object.entries(keys) as [OptionSection, readonly string[]][];
  return {
    keys,
    select(config) {
      const selected: Record<string, unknown> = {};
      for (const [section, names] of sections) for (const key of names) selected[key] = (config[section] as Record<string, unknown>)[key];
      return selected as Options;
    },
    and(section, ...more) {
      return optionsOf({ ...keys, [section]: [...(keys[section] ?? []), ...more] });
    },
  };
}

/**
 * The rule's messages by id (ESLint's `meta.messages`), in both languages; `{{name}}` stands for the
 * report's `data.name` (a LocalizedText value in the message's language).
 */
export type RuleMessages<MessageId extends string = string> = Readonly<Record<MessageId, LocalizedText>>;

/**
 * One rule, one file (ESLint/textlint style): a pure function of the parsed post. It never throws on
 * bad input by design; the engine still isolates it so one faulty rule cannot stop the others.
 */
export interface Rule<Options = unknown, MessageId extends string = string> {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  description: LocalizedText;
  /** The settings the rule reads; absent: none. */
  options?: RuleOptions<Options>;
  /** Every message the rule reports, by id. */
  messages: RuleMessages<MessageId>;
  /**
   * When two findings cover the same lines in the structural families (duplication, truncation), the
   * one with the higher specificity is kept, so one defect never yields two comments. One of
   * `SPECIFICITY`; default 0.
   */
  specificity?: number;
  /**
   * Findings inside lines a duplication fix deletes are dropped, as the copy goes; a rule about what the
   * generator left or invented in the text (chatter, a persona's career) keeps them, without their fix,
   * because the copy may be the version a maintainer keeps. Default false.
   */
  keptInDeletedCopies?: boolean;
  /**
   * The rule's findings are about the whole post (a copy of another post, another post's topic), put on
   * the title line only so that a comment has a place. They never compete with the line findings there:
   * a post that copies an earlier post's title and its whole body gets both findings, so a warning on the
   * title never hides the error on the post. Default false.
   */
  wholePost?: boolean;
  /**
   * The rule reads `corpus` or `site` (other posts): it runs centrally once every checked post is
   * read, while the worker pool runs the other rules beside the parsing (`lint/pool.ts`). A rule that
   * reads them without this flag fails in the pool with an internal-error finding. Default false.
   */
  crossPost?: boolean;
  /**
   * The rule compares the post with the corpus's similarity index (`analysis/corpus/compare.ts`). A
   * check whose corpus is made of the checked posts alone (no site, no `--corpus`) then builds that index
   * from features made while each post is summarised, from the text it has in memory (in the worker that
   * read it, with the pool), rather than reading every post again once the first pass ends. Default false.
   */
  comparesPosts?: boolean;
  /** What the rule needs to see before it reports at each level: severity is confidence (docs, SARIF). */
  evidence?: Partial<Record<Severity, string>>;
  /**
   * The rule's examples: its documentation and its tests at once (remark-lint's examples, ESLint's
   * RuleTester cases). `test/rule-tester.ts` runs every one of them.
   */
  examples?: RuleExamples;
  check(context: RuleContext<Options>): Report<MessageId>[];
}

/** One text a rule is run on, alone (only this rule), as the file `path`. */
export interface RuleCase {
  /** Short name the tester shows; defaults to the first words of the text. */
  name?: string;
  /** Path of the file; it decides the Jekyll date from the name. Default `_posts/2024-01-01-example.md`. */
  path?: string;
  /** The whole file, front matter included. */
  text: string;
  /** Config input (as in `.github/editorial-review.yml`), validated by the config schema. */
  config?: Record<string, unknown>;
  /** Other posts of the site, for cross-post rules. */
  corpus?: { path: string; text: string }[];
  /**
   * The site around the post: root-relative files (its configuration, other posts, data files). When
   * given, the case's own file is added at `path` and the site is read as the CLI reads a checkout.
   */
  site?: Record<string, string>;
  /** With `site`: the text of the case's file before the change (the pull request's base version). */
  previous?: string;
  /** Where a slice of a real post comes from, and its licence. */
  source?: string;
}

/** A case the rule must report exactly as listed, and fix to `output`. */
export interface InvalidRuleCase extends RuleCase {
  findings: { line: number; endLine?: number; severity?: Severity; message?: string }[];
  /**
   * The file after the one fix engine has applied this rule's fixes until nothing changes. Absent: the
   * rule must offer no fix here. The tester also checks that fixing the output again changes nothing.
   */
  output?: string;
}

export interface RuleExamples {
  valid: RuleCase[];
  invalid: InvalidRuleCase[];
}

/** A rule, typed by its options and message ids; the registry holds every rule as a plain `Rule`. */
export function defineRule<Options = undefined, MessageId extends string = string>(rule: Rule<Options, MessageId>): Rule {
  return rule as unknown as Rule;
}

/** The text of message `messageId` of `rule` in `language`, its `{{placeholders}}` filled from `data`. */
export function formatMessage(rule: Rule, messageId: string, data: Readonly<Record<string, MessageValue>> | undefined, language: Language): string {
  const template = Object.hasOwn(rule.messages, messageId) ? rule.messages[messageId] : undefined;
  if (!template) throw new Error(`reports message id "${messageId}", which is not in its messages`);
  // Every finding of every post formats a message: each template is cut at its placeholders once, not
  // matched by a regex (with a callback per placeholder) per finding.
  const parts = templateParts(template[language]);
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    if (!data || !Object.hasOwn(data, name)) throw new Error(`message "${messageId}" needs \`${name}\`, which the report does not give`);
    const value = data[name]!;
    text += (typeof value === 'object' ? value[language] : String(value)) + parts[i + 1]!;
  }
  return text;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;
/** Templates (a few hundred, constant) cut at their placeholders: text, name, text, …, text. */
const templates = new Map<string, readonly string[]>();

/** `template` split at its `{{name}}` placeholders: odd indices hold the names. */
export function templateParts(template: string): readonly string[] {
  let parts = templates.get(template);
  if (!parts) templates.set(template, (parts = template.split(PLACEHOLDER)));
  return parts;
}
