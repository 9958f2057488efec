import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { compare, describe, exactSimilarity, percent, publishedOrder, relatedPost, seriesOrTranslation } from '../../analysis/corpus/compare.js';

/** Two posts of one series are copies only when their bodies are the same but for a word or two. */
const SERIES_COPY = 0.98;

/**
 * The whole post is a near copy of another post of the corpus (MinHash/LSH candidates over
 * 5-character shingles, confirmed by exact Jaccard). A republished article under a new name. The later
 * post is the copy; posts of one series (release notes of two versions, same-day patch releases) share
 * their template by design and are info unless their bodies are the same.
 */
export default defineRule({
  id: 'duplication/near-duplicate-post',
  category: 'duplication',
  defaultSeverity: 'warning',
  options: ruleOptions('corpus', 'nearDuplicate', 'nearDuplicateError', 'passageMinChars', 'passageMinChunkChars', 'passageMaxPosts', 'shingle').and('site', 'permalink', 'baseUrl'),
  crossPost: true,
  comparesPosts: true,
  wholePost: true,
  specificity: SPECIFICITY.unfinishedParagraph,
  description: {
    en: 'The post is a near duplicate of another post of the blog.',
    ja: '記事全体がブログ内の別の記事とほぼ重複しています。',
  },
  messages: {
    sameSeries: {
      en: 'This post is {{similarity}} the same text as {{other}}, an earlier post of the same series or in another language; check that it says what is new in this one rather than repeating the earlier post.',
      ja: 'この記事は同じシリーズ（または別言語版）の以前の記事 {{other}} と本文が {{similarity}} 一致しています。前の記事の繰り返しではなく、今回の新しい内容が書かれているか確認してください。',
    },
    republished: {
      en: 'This post is {{similarity}} similar to {{other}}, published earlier (Jaccard similarity of the text); do not republish an article under a new name — update the existing post or rewrite this one.',
      ja: 'この記事は以前の記事 {{other}} と {{similarity}} 一致しています（本文の Jaccard 類似度）。同じ記事を別名で再掲せず、既存の記事を更新するか、この記事を書き直してください。',
    },
  },
  evidence: {
    error: `The body is a near copy (Jaccard ≥ corpus.nearDuplicateError) of an earlier post of another title template, or the same body (≥ ${SERIES_COPY}) as an earlier post of its series.`,
    warning: 'The body is similar (Jaccard ≥ corpus.nearDuplicate) to an earlier post that is not of its series.',
    info: 'The body is similar to an earlier post of the same series (titles equal once version numbers are masked) or in another language: the series template, a translation.',
  },
  examples: {
    valid: [
      {
        name: 'another post on another subject',
        path: '_posts/2025-10-09-3-nedoai.md',
        source: 'ai-blog-system _posts/2025-10-09-3-nedoai.md and 2025-09-15-2-aicpo.md lines 1-20 (MIT)',
        text: "---\nlayout: post\ntitle: \"NEDOが生成AIの安全技術開発を推進する、その真意とは？\"\ndate: 2025-10-09 04:37:28 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"投資\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"NEDO、生成AI安全技術開発を推進について詳細に分析します。\"\nreading_time: 8\n---\n\nNEDOが生成AIの安全技術開発を推進する、その真意とは？\n\n皆さん、こんにちは。AI業界を20年近く見続けてきた私から見ても、今回のNEDO（国立研究開発法人新エネルギー・産業技術総合開発機構）の発表は、正直なところ、ちょっとした驚きと同時に、ようやく来たかという安堵感がありましたね。生成AIの安全性確保に関する技術開発を推進する、というニュース。あなたも感じているかもしれませんが、この「安全性」という言葉の重み、最近特に増していると思いませんか？\n\n私がシリコンバレーのスタートアップで初めてAIプロジェクトに関わった頃は、とにかく「動くこと」が最優先でした。精度が多少悪くても、バグがあっても、まずは市場に出す。それが常識だったんです。でも、生成AIがここまで社会に浸透してくると、その「動く」だけでは済まされない問題が山積している。ハルシネーション（幻覚）問題、バイアス、プライバシー侵害、そして悪用されるリスク。これらは、もはや技術的な課題というより、社会的な課題、ひいては倫理的な課題へと昇華しています。内閣府の「研究開発とSociety 5.0との橋渡しプログラム（BRIDGE）」の一環として、国家レベルでこの問題に取り組むというのは、まさに時宜を得た判断だと、個人的には強く感じています。\n\n今回のNEDOの取り組み、具体的に見ていきましょう。大きく分けて2つの柱がありますね。1つは「AIセーフティ強化に関する研究開発」。これは、生成AIを適切に管理・利用するための安全性評価技術の開発・普及を目指すものです。単に「安全です」と言うだけでなく、その安全性を客観的に測る「ものさし」を作ろうとしている。リスクベースアプローチに基づいて、どんなリスクがあるのかを洗い出し、それをどう評価し、どう管理していくか。特に興味深いのは、人間拡張のような、私たちの暮らしに直結する領域での評価手法の開発と実証にまで踏み込んでいる点です。テスト環境構築技術の開発や、国際標準化、そして普及のためのガイダンス整備まで視野に入れているのは、さすがNEDOといったところでしょうか。\n\nこの分野で採択された企業・機関を見ると、その本気度が伺えます。株式会社Citadel AIが、国立研究開発法人産業技術総合研究所（産総研）や株式会社コーピーと共同で採択されていますね。Citadel AIは、AIセーフティ・インスティチュート (AISI) やAI品質マネジメントイニシアティブ（AIQMI）といった国際的な動きとも連携しながら、産業界のニーズに基づいた評価基準や手法を整理し、企業向けの実装解説を作成していくとのこと。これは、まさに現場でAIを導入しようとしている企業にとって、喉から手が出るほど欲しい情報になるはずです。そして、株式会社コーピーは、国際標準「ISO/IEC 42001」の8.1項「運用計画および管理」に対応する企業向け実装ガイドラインの策定を担当する。AIシステムの運用管理プロセスを整理し、生成AIシステムに適用可能な評価指標やテストプロトコルを開発し、安全性評価結果を標準化する報告書テンプレートまで整備する計画です。これは、AIのガバナンスを確立する上で非常に重要なピースになるでしょう。\n",
        corpus: [{ path: '_posts/2025-09-15-2-aicpo.md', text: "---\nlayout: post\ntitle: \"中国AI株のCPO狂騒曲、その真意はどこにあるのか？\"\ndate: 2025-09-15 11:47:08 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"投資\", \"チップ\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"中国AI株CPO技術で急騰、2030年81億ドル市場予測について詳細に分析します。\"\nreading_time: 8\n---\n\n中国AI株のCPO狂騒曲、その真意はどこにあるのか？\n\n「中国AI株、CPO技術で急騰！」この見出しを初めて目にした時、正直なところ、またか、と思いましたね。あなたも感じているかもしれませんが、AI業界を20年近く見てきた私にとって、新しい技術が市場を席巻するたびに、こうした熱狂は何度も繰り返されてきました。でも、今回のCPO（Co-Packaged Optics）は、ただのバズワードで終わるのでしょうか？それとも、本当にAIの未来を根底から変えるゲームチェンジャーなのでしょうか？\n\n私がシリコンバレーの小さなスタートアップで、まだインターネットが黎明期だった頃、光通信技術の可能性について熱く語るエンジニアたちに出会ったのを覚えています。当時はまだ夢物語のように聞こえましたが、彼らのビジョンが今日の高速ネットワークの基盤を築いたのは紛れもない事実です。CPOは、まさにその時の興奮を思い出させる技術。データセンターの「コンピューティングの高速道路」を、電気から光へとシフトさせる、そんな壮大な挑戦なんです。中国政府が「次世代人工知能（AI）発展計画（『AI2030』）」や「『AI+』行動の踏み込んだ実施に関する意見」でAI産業の育成に本腰を入れていることからも、この技術が単なる一過性のトレンドではないことが伺えます。彼らは2027年までにAIと6大重点分野の幅広い融合を目指しているわけですから、その基盤となるインフラ技術への投資は必然と言えるでしょう。\n\nCPO技術の核心は、光部品と半導体チップを同じパッケージに統合することにあります。これまでのシステムでは、電気信号と光信号の変換に距離があり、それがデータ転送のボトルネックになっていました。しかし、CPOはCPUやASICといった半導体チップのすぐそばに光変調器や光検出器を配置することで、この変換距離を劇的に短縮します。結果として、データ転送速度は飛躍的に向上し、消費電力も大幅に削減される。大規模言語モデル（LLM）のような膨大なコンピューティングリソースを必要とするAIアプリケーションにとって、これはまさに福音です。データセンターの電力消費は年々増加の一途をたどっており、このCPOがもたらす低消費電力化は、持続可能なAIインフラを構築する上で不可欠な要素となるでしょう。もちろん、課題がないわけではありません。ASIC近傍の高温環境下で光デバイスが安定して動作するのか、故障時の保守はどうするのか、そして新しい光ファイバー配線の実用性やコストといった点は、まだ解決すべき大きな壁として立ちはだかっています。個人的には、このあたりの技術的ブレイクスルーが、CPOの真の普及を左右すると見ています。\n\n市場予測は、まさに驚異的としか言いようがありません。フランスの調査会社Yoleの予測では、世界のCPO市場は2024年のわずか4,600万ドルから、2030年には81億ドルへと激増するとされています。複合年間成長率（CAGR）が137%という数字は、私がこれまで見てきた中でもトップクラスの成長率です。IDCも、中国における生成AI関連のネットワークハードウェア支出が2023年の65億元から2028年には330億元に拡大すると予測しており、年平均成長率は38.5%に達すると見ています。特に2025年から2026年にかけては、CPOの試験導入が本格化する重要な時期であり、超大規模データセンターがその価値を先行して検証するとのこと。この期間にどれだけの実績を積み上げられるかが、今後の市場拡大の鍵を握るでしょう。\n" }],
      },
    ],
    invalid: [
      {
        name: 'an earlier post republished under a new title and date',
        path: '_posts/2025-10-12-1-nedo-republished.md',
        source: 'ai-blog-system _posts/2025-10-09-3-nedoai.md lines 1-20 (MIT); the later post derived from it for the case (test/fixtures/corpus)',
        text: "---\nlayout: post\ntitle: \"NEDOの生成AI安全技術、その狙いを読み解く\"\ndate: 2025-10-12 06:10:00 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\"]\nauthor: \"ALLFORCES編集部\"\n---\n\nNEDOが生成AIの安全技術開発を推進する、その真意とは？\n\nこんにちは。AI業界を20年近く見続けてきた私から見ても、今回のNEDO（国立研究開発法人新エネルギー・産業技術総合開発機構）の発表は、正直なところ、ちょっとした驚きと同時に、ようやく来たかという安堵感がありましたね。生成AIの安全性確保に関する技術開発を推進する、というニュース。あなたも感じているかもしれませんが、この「安全性」という言葉の重み、最近特に増していると思いませんか？\n\n私がシリコンバレーのスタートアップで初めてAIプロジェクトに関わった頃は、とにかく「動くこと」が最優先でした。精度が多少悪くても、バグがあっても、まずは市場に出す。それが常識だったんです。でも、生成AIがここまで社会に浸透してくると、その「動く」だけでは済まされない問題が山積している。ハルシネーション（幻覚）問題、バイアス、プライバシー侵害、そして悪用されるリスク。これらは、もはや技術的な課題というより、社会的な課題、ひいては倫理的な課題へと昇華しています。内閣府の「研究開発とSociety 5.0との橋渡しプログラム（BRIDGE）」の一環として、国家レベルでこの問題に取り組むというのは、まさに時宜を得た判断だと、個人的には強く感じています。\n\n今回のNEDOの取り組み、具体的に見ていきましょう。大きく分けて2つの柱がありますね。1つは「AIセーフティ強化に関する研究開発」。これは、生成AIを適切に管理・利用するための安全性評価技術の開発・普及を目指すものです。単に「安全です」と言うだけでなく、その安全性を客観的に測る「ものさし」を作ろうとしている。リスクベースアプローチに基づいて、どんなリスクがあるのかを洗い出し、それをどう評価し、どう管理していくか。特に興味深いのは、人間拡張のような、私たちの暮らしに直結する領域での評価手法の開発と実証にまで踏み込んでいる点です。テスト環境構築技術の開発や、国際標準化、そして普及のためのガイダンス整備まで視野に入れているのは、さすがNEDOといったところでしょうか。\n\nこの分野で採択された企業・機関を見ると、その本気度が伺えます。株式会社Citadel AIが、国立研究開発法人産業技術総合研究所（産総研）や株式会社コーピーと共同で採択されていますね。Citadel AIは、AIセーフティ・インスティチュート (AISI) やAI品質マネジメントイニシアティブ（AIQMI）といった国際的な動きとも連携しながら、産業界のニーズに基づいた評価基準や手法を整理し、企業向けの実装解説を作成していくとのこと。これは、まさに現場でAIを導入しようとしている企業にとって、喉から手が出るほど欲しい情報になるはずです。そして、株式会社コーピーは、国際標準「ISO/IEC 42001」の8.1項「運用計画および管理」に対応する企業向け実装ガイドラインの策定を担当する。AIシステムの運用管理プロセスを整理し、生成AIシステムに適用可能な評価指標やテストプロトコルを開発し、安全性評価結果を標準化する報告書テンプレートまで整備する計画です。これは、AIのガバナンスを確立する上で非常に重要なピースになるでしょう。\n",
        corpus: [{ path: '_posts/2025-10-09-3-nedoai.md', text: "---\nlayout: post\ntitle: \"NEDOが生成AIの安全技術開発を推進する、その真意とは？\"\ndate: 2025-10-09 04:37:28 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"投資\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"NEDO、生成AI安全技術開発を推進について詳細に分析します。\"\nreading_time: 8\n---\n\nNEDOが生成AIの安全技術開発を推進する、その真意とは？\n\n皆さん、こんにちは。AI業界を20年近く見続けてきた私から見ても、今回のNEDO（国立研究開発法人新エネルギー・産業技術総合開発機構）の発表は、正直なところ、ちょっとした驚きと同時に、ようやく来たかという安堵感がありましたね。生成AIの安全性確保に関する技術開発を推進する、というニュース。あなたも感じているかもしれませんが、この「安全性」という言葉の重み、最近特に増していると思いませんか？\n\n私がシリコンバレーのスタートアップで初めてAIプロジェクトに関わった頃は、とにかく「動くこと」が最優先でした。精度が多少悪くても、バグがあっても、まずは市場に出す。それが常識だったんです。でも、生成AIがここまで社会に浸透してくると、その「動く」だけでは済まされない問題が山積している。ハルシネーション（幻覚）問題、バイアス、プライバシー侵害、そして悪用されるリスク。これらは、もはや技術的な課題というより、社会的な課題、ひいては倫理的な課題へと昇華しています。内閣府の「研究開発とSociety 5.0との橋渡しプログラム（BRIDGE）」の一環として、国家レベルでこの問題に取り組むというのは、まさに時宜を得た判断だと、個人的には強く感じています。\n\n今回のNEDOの取り組み、具体的に見ていきましょう。大きく分けて2つの柱がありますね。1つは「AIセーフティ強化に関する研究開発」。これは、生成AIを適切に管理・利用するための安全性評価技術の開発・普及を目指すものです。単に「安全です」と言うだけでなく、その安全性を客観的に測る「ものさし」を作ろうとしている。リスクベースアプローチに基づいて、どんなリスクがあるのかを洗い出し、それをどう評価し、どう管理していくか。特に興味深いのは、人間拡張のような、私たちの暮らしに直結する領域での評価手法の開発と実証にまで踏み込んでいる点です。テスト環境構築技術の開発や、国際標準化、そして普及のためのガイダンス整備まで視野に入れているのは、さすがNEDOといったところでしょうか。\n\nこの分野で採択された企業・機関を見ると、その本気度が伺えます。株式会社Citadel AIが、国立研究開発法人産業技術総合研究所（産総研）や株式会社コーピーと共同で採択されていますね。Citadel AIは、AIセーフティ・インスティチュート (AISI) やAI品質マネジメントイニシアティブ（AIQMI）といった国際的な動きとも連携しながら、産業界のニーズに基づいた評価基準や手法を整理し、企業向けの実装解説を作成していくとのこと。これは、まさに現場でAIを導入しようとしている企業にとって、喉から手が出るほど欲しい情報になるはずです。そして、株式会社コーピーは、国際標準「ISO/IEC 42001」の8.1項「運用計画および管理」に対応する企業向け実装ガイドラインの策定を担当する。AIシステムの運用管理プロセスを整理し、生成AIシステムに適用可能な評価指標やテストプロトコルを開発し、安全性評価結果を標準化する報告書テンプレートまで整備する計画です。これは、AIのガバナンスを確立する上で非常に重要なピースになるでしょう。\n" }],
        findings: [{ line: 3, severity: 'error' }],
      },
    ],
  },
  check({ post, options, corpus }) {
    if (corpus.size < 2 || !post.frontMatter) return [];
    const { result, analysis } = compare(post, corpus, options);
    // The title names the post: a comment there reads as "this post", and the App can anchor it.
    const line = getEntry(post.frontMatter, 'title')?.line ?? post.frontMatter.startLine;
    const reports: Report[] = [];
    for (const candidate of result.nearDuplicates) {
      const similarity = exactSimilarity(analysis, post, candidate.path, options.shingle) ?? candidate.similarity;
      if (similarity < options.nearDuplicate) continue;
      if (publishedOrder(analysis, post, candidate.path) < 0) continue; // the earlier post is the original
      const other = describe(analysis, candidate.path, options);
      const related = [relatedPost(analysis, candidate.path, `similar post (${percent(similarity)})`)];
      if (seriesOrTranslation(analysis, post, candidate.path) && similarity < SERIES_COPY) {
        // A templated announcement of another version is deliberate: worth a look, not a defect.
        reports.push({
          line,
          severity: 'info',
          messageId: 'sameSeries',
          data: { similarity: percent(similarity), other },
          related,
        });
        continue;
      }
      reports.push({
        line,
        severity: similarity >= options.nearDuplicateError ? 'error' : 'warning',
        messageId: 'republished',
        data: { similarity: percent(similarity), other },
        related,
      });
    }
    return reports;
  },
});
