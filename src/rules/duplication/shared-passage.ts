import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { compare, describe, exactSimilarity, normalizedChars, publishedOrder, seriesOrTranslation } from '../../analysis/corpus/compare.js';

/**
 * Long verbatim passages (consecutive paragraphs) that also appear in another post: section-level reuse.
 * Posts already reported as near duplicates are not reported again passage by passage. Authors reuse
 * their own paragraphs on purpose (a beta and a final release announcement, a recurring how-to-upgrade
 * note), so a passage is a warning only when it is most of the later post; else it is advice.
 */
export default defineRule({
  id: 'duplication/shared-passage',
  category: 'duplication',
  defaultSeverity: 'warning',
  options: ruleOptions('corpus', 'nearDuplicate', 'passageMinChars', 'passageMinChunkChars', 'passageMaxPosts', 'shingle').and('site', 'permalink', 'baseUrl'),
  crossPost: true,
  comparesPosts: true,
  specificity: SPECIFICITY.splitParagraph,
  description: {
    en: 'A long passage of the post appears verbatim in another post.',
    ja: '記事の長い一節が別の記事にそのまま含まれています。',
  },
  messages: {
    sharedPassage: {
      en: 'Lines {{line}}–{{endLine}} ({{chars}} characters) appear verbatim in {{other}}, lines {{otherLine}}–{{otherEndLine}}; link to that post instead of copying, or rewrite the passage.',
      ja: '{{line}}〜{{endLine}} 行目（{{chars}} 文字）は {{other}} の {{otherLine}}〜{{otherEndLine}} 行目とまったく同じです。転載せずにその記事へリンクするか、書き直してください。',
    },
  },
  evidence: {
    warning: 'Verbatim paragraphs (≥ corpus.passageMinChars) shared with an earlier post not of the same series, making up at least half of this post.',
    info: 'A shorter share of the post, or a post of the same series (a reused release note paragraph).',
  },
  examples: {
    valid: [
      {
        name: 'two posts that share no passage',
        path: '_posts/2025-09-15-2-aicpo.md',
        source: 'ai-blog-system _posts/2025-09-15-2-aicpo.md lines 1-20 and 2025-09-20-2-nvidia.md lines 1-16 (MIT)',
        text: "---\nlayout: post\ntitle: \"中国AI株のCPO狂騒曲、その真意はどこにあるのか？\"\ndate: 2025-09-15 11:47:08 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"投資\", \"チップ\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"中国AI株CPO技術で急騰、2030年81億ドル市場予測について詳細に分析します。\"\nreading_time: 8\n---\n\n中国AI株のCPO狂騒曲、その真意はどこにあるのか？\n\n「中国AI株、CPO技術で急騰！」この見出しを初めて目にした時、正直なところ、またか、と思いましたね。あなたも感じているかもしれませんが、AI業界を20年近く見てきた私にとって、新しい技術が市場を席巻するたびに、こうした熱狂は何度も繰り返されてきました。でも、今回のCPO（Co-Packaged Optics）は、ただのバズワードで終わるのでしょうか？それとも、本当にAIの未来を根底から変えるゲームチェンジャーなのでしょうか？\n\n私がシリコンバレーの小さなスタートアップで、まだインターネットが黎明期だった頃、光通信技術の可能性について熱く語るエンジニアたちに出会ったのを覚えています。当時はまだ夢物語のように聞こえましたが、彼らのビジョンが今日の高速ネットワークの基盤を築いたのは紛れもない事実です。CPOは、まさにその時の興奮を思い出させる技術。データセンターの「コンピューティングの高速道路」を、電気から光へとシフトさせる、そんな壮大な挑戦なんです。中国政府が「次世代人工知能（AI）発展計画（『AI2030』）」や「『AI+』行動の踏み込んだ実施に関する意見」でAI産業の育成に本腰を入れていることからも、この技術が単なる一過性のトレンドではないことが伺えます。彼らは2027年までにAIと6大重点分野の幅広い融合を目指しているわけですから、その基盤となるインフラ技術への投資は必然と言えるでしょう。\n\nCPO技術の核心は、光部品と半導体チップを同じパッケージに統合することにあります。これまでのシステムでは、電気信号と光信号の変換に距離があり、それがデータ転送のボトルネックになっていました。しかし、CPOはCPUやASICといった半導体チップのすぐそばに光変調器や光検出器を配置することで、この変換距離を劇的に短縮します。結果として、データ転送速度は飛躍的に向上し、消費電力も大幅に削減される。大規模言語モデル（LLM）のような膨大なコンピューティングリソースを必要とするAIアプリケーションにとって、これはまさに福音です。データセンターの電力消費は年々増加の一途をたどっており、このCPOがもたらす低消費電力化は、持続可能なAIインフラを構築する上で不可欠な要素となるでしょう。もちろん、課題がないわけではありません。ASIC近傍の高温環境下で光デバイスが安定して動作するのか、故障時の保守はどうするのか、そして新しい光ファイバー配線の実用性やコストといった点は、まだ解決すべき大きな壁として立ちはだかっています。個人的には、このあたりの技術的ブレイクスルーが、CPOの真の普及を左右すると見ています。\n\n市場予測は、まさに驚異的としか言いようがありません。フランスの調査会社Yoleの予測では、世界のCPO市場は2024年のわずか4,600万ドルから、2030年には81億ドルへと激増するとされています。複合年間成長率（CAGR）が137%という数字は、私がこれまで見てきた中でもトップクラスの成長率です。IDCも、中国における生成AI関連のネットワークハードウェア支出が2023年の65億元から2028年には330億元に拡大すると予測しており、年平均成長率は38.5%に達すると見ています。特に2025年から2026年にかけては、CPOの試験導入が本格化する重要な時期であり、超大規模データセンターがその価値を先行して検証するとのこと。この期間にどれだけの実績を積み上げられるかが、今後の市場拡大の鍵を握るでしょう。\n",
        corpus: [{ path: '_posts/2025-09-20-2-nvidia.md', text: "---\nlayout: post\ntitle: \"Nvidiaの可能性とは？\"\ndate: 2025-09-20 16:34:20 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"NVIDIA\", \"投資\", \"チップ\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"Nvidia、Intelに50億ドル投資し提携について詳細に分析します。\"\nreading_time: 8\n---\n\nNvidia、Intelに50億ドル投資：この異色の提携がAIの未来をどう変えるのか？\n\n正直なところ、このニュースを聞いた時、私の最初の反応は「え、マジか？」でした。長年この業界を見てきたあなたなら、NvidiaとIntelがこんな形で手を組むなんて、ちょっと想像しにくかったんじゃないでしょうか？まるで、長年のライバルが突然、手を取り合って新しいビジネスを始めるような、そんな驚きがありましたよね。でも、これがAI時代の新しい常識なのかもしれない、そう思わずにはいられません。\n\n私がシリコンバレーのスタートアップから日本の大企業まで、数百社のAI導入を間近で見てきた20年間で、こんなにも劇的な業界再編の動きはそう多くありませんでした。かつては、それぞれの領域で絶対的な強さを誇っていた巨人たちが、今、AIという巨大な波の前で、新たな戦略を模索している。これは、単なる資本提携以上の、もっと深い意味を持つ動きだと感じています。あなたも、この提携の裏に隠された真意を探りたいと思っているはずです。\n" }],
      },
    ],
    invalid: [
      {
        name: 'three paragraphs of an earlier post copied into a follow-up',
        path: '_posts/2025-10-15-1-cpo-followup.md',
        source: 'ai-blog-system _posts/2025-09-15-2-aicpo.md lines 1-24 (MIT); the follow-up derived from it for the case (test/fixtures/corpus)',
        text: "---\nlayout: post\ntitle: \"光電融合パッケージの量産はいつ始まるのか\"\ndate: 2025-10-15 09:00:00 +0000\ncategories: [\"技術解説\"]\nauthor: \"ALLFORCES編集部\"\n---\n\n光電融合パッケージについて、前回の記事から読者の方々にいくつか質問をいただきました。今回は量産の見通しに絞って整理してみます。\n\n## 技術の背景\n\n私がシリコンバレーの小さなスタートアップで、まだインターネットが黎明期だった頃、光通信技術の可能性について熱く語るエンジニアたちに出会ったのを覚えています。当時はまだ夢物語のように聞こえましたが、彼らのビジョンが今日の高速ネットワークの基盤を築いたのは紛れもない事実です。CPOは、まさにその時の興奮を思い出させる技術。データセンターの「コンピューティングの高速道路」を、電気から光へとシフトさせる、そんな壮大な挑戦なんです。中国政府が「次世代人工知能（AI）発展計画（『AI2030』）」や「『AI+』行動の踏み込んだ実施に関する意見」でAI産業の育成に本腰を入れていることからも、この技術が単なる一過性のトレンドではないことが伺えます。彼らは2027年までにAIと6大重点分野の幅広い融合を目指しているわけですから、その基盤となるインフラ技術への投資は必然と言えるでしょう。\n\nCPO技術の核心は、光部品と半導体チップを同じパッケージに統合することにあります。これまでのシステムでは、電気信号と光信号の変換に距離があり、それがデータ転送のボトルネックになっていました。しかし、CPOはCPUやASICといった半導体チップのすぐそばに光変調器や光検出器を配置することで、この変換距離を劇的に短縮します。結果として、データ転送速度は飛躍的に向上し、消費電力も大幅に削減される。大規模言語モデル（LLM）のような膨大なコンピューティングリソースを必要とするAIアプリケーションにとって、これはまさに福音です。データセンターの電力消費は年々増加の一途をたどっており、このCPOがもたらす低消費電力化は、持続可能なAIインフラを構築する上で不可欠な要素となるでしょう。もちろん、課題がないわけではありません。ASIC近傍の高温環境下で光デバイスが安定して動作するのか、故障時の保守はどうするのか、そして新しい光ファイバー配線の実用性やコストといった点は、まだ解決すべき大きな壁として立ちはだかっています。個人的には、このあたりの技術的ブレイクスルーが、CPOの真の普及を左右すると見ています。\n\n市場予測は、まさに驚異的としか言いようがありません。フランスの調査会社Yoleの予測では、世界のCPO市場は2024年のわずか4,600万ドルから、2030年には81億ドルへと激増するとされています。複合年間成長率（CAGR）が137%という数字は、私がこれまで見てきた中でもトップクラスの成長率です。IDCも、中国における生成AI関連のネットワークハードウェア支出が2023年の65億元から2028年には330億元に拡大すると予測しており、年平均成長率は38.5%に達すると見ています。特に2025年から2026年にかけては、CPOの試験導入が本格化する重要な時期であり、超大規模データセンターがその価値を先行して検証するとのこと。この期間にどれだけの実績を積み上げられるかが、今後の市場拡大の鍵を握るでしょう。\n",
        corpus: [{ path: '_posts/2025-09-15-2-aicpo.md', text: "---\nlayout: post\ntitle: \"中国AI株のCPO狂騒曲、その真意はどこにあるのか？\"\ndate: 2025-09-15 11:47:08 +0000\ncategories: [\"業界分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"投資\", \"チップ\"]\nauthor: \"ALLFORCES編集部\"\nexcerpt: \"中国AI株CPO技術で急騰、2030年81億ドル市場予測について詳細に分析します。\"\nreading_time: 8\n---\n\n中国AI株のCPO狂騒曲、その真意はどこにあるのか？\n\n「中国AI株、CPO技術で急騰！」この見出しを初めて目にした時、正直なところ、またか、と思いましたね。あなたも感じているかもしれませんが、AI業界を20年近く見てきた私にとって、新しい技術が市場を席巻するたびに、こうした熱狂は何度も繰り返されてきました。でも、今回のCPO（Co-Packaged Optics）は、ただのバズワードで終わるのでしょうか？それとも、本当にAIの未来を根底から変えるゲームチェンジャーなのでしょうか？\n\n私がシリコンバレーの小さなスタートアップで、まだインターネットが黎明期だった頃、光通信技術の可能性について熱く語るエンジニアたちに出会ったのを覚えています。当時はまだ夢物語のように聞こえましたが、彼らのビジョンが今日の高速ネットワークの基盤を築いたのは紛れもない事実です。CPOは、まさにその時の興奮を思い出させる技術。データセンターの「コンピューティングの高速道路」を、電気から光へとシフトさせる、そんな壮大な挑戦なんです。中国政府が「次世代人工知能（AI）発展計画（『AI2030』）」や「『AI+』行動の踏み込んだ実施に関する意見」でAI産業の育成に本腰を入れていることからも、この技術が単なる一過性のトレンドではないことが伺えます。彼らは2027年までにAIと6大重点分野の幅広い融合を目指しているわけですから、その基盤となるインフラ技術への投資は必然と言えるでしょう。\n\nCPO技術の核心は、光部品と半導体チップを同じパッケージに統合することにあります。これまでのシステムでは、電気信号と光信号の変換に距離があり、それがデータ転送のボトルネックになっていました。しかし、CPOはCPUやASICといった半導体チップのすぐそばに光変調器や光検出器を配置することで、この変換距離を劇的に短縮します。結果として、データ転送速度は飛躍的に向上し、消費電力も大幅に削減される。大規模言語モデル（LLM）のような膨大なコンピューティングリソースを必要とするAIアプリケーションにとって、これはまさに福音です。データセンターの電力消費は年々増加の一途をたどっており、このCPOがもたらす低消費電力化は、持続可能なAIインフラを構築する上で不可欠な要素となるでしょう。もちろん、課題がないわけではありません。ASIC近傍の高温環境下で光デバイスが安定して動作するのか、故障時の保守はどうするのか、そして新しい光ファイバー配線の実用性やコストといった点は、まだ解決すべき大きな壁として立ちはだかっています。個人的には、このあたりの技術的ブレイクスルーが、CPOの真の普及を左右すると見ています。\n\n市場予測は、まさに驚異的としか言いようがありません。フランスの調査会社Yoleの予測では、世界のCPO市場は2024年のわずか4,600万ドルから、2030年には81億ドルへと激増するとされています。複合年間成長率（CAGR）が137%という数字は、私がこれまで見てきた中でもトップクラスの成長率です。IDCも、中国における生成AI関連のネットワークハードウェア支出が2023年の65億元から2028年には330億元に拡大すると予測しており、年平均成長率は38.5%に達すると見ています。特に2025年から2026年にかけては、CPOの試験導入が本格化する重要な時期であり、超大規模データセンターがその価値を先行して検証するとのこと。この期間にどれだけの実績を積み上げられるかが、今後の市場拡大の鍵を握るでしょう。\n\nそして、この熱狂の中心にいるのが中国企業です。A株市場で「易中天」銘柄と呼ばれる新易盛（Eoptolink Technology）、中際旭創（Zhongji Innolight）、天孚光通信（TFC Optical Communication）の3社は、CPO技術に関連するとして株価が数倍に急騰しました。これは、まさに市場がCPOの将来性に賭けている証拠です。他にも、AIを活用したデジタル創薬の晶泰科技（XtalPi）が株価を急騰させたり、アリババ（Alibaba）がエネルギー効率とコスト効率に優れたAIモデル「QwQ-32B」をオープンソース化して市場を沸かせたりと、枚挙にいとまがありません。ディープシーク（DeepSeek）が米国のトップクラスモデルと同等以上の性能を低コストで実現したと主張しているのも、中国AI企業の技術力の高まりを示唆しています。半導体メーカーの中科寒武紀科技（Cambricon）、音声認識の科大訊飛（iFlytek）、画像認識の商湯（SenseTime）といったAI専業企業だけでなく、中芯国際集成電路製造（SMIC）や華虹半導体（Hua Hong Semiconductor）のような半導体製造、北方華創科技（NAURA Technology Group）のような製造装置、そして長飛光纖光纜（Yangtze Optical Fibre and Cable）のような光ファイバー関連企業まで、サプライチェーン全体がAI需要の恩恵を受けているのは見逃せない点です。\n\n投資家として、あるいは技術者として、このCPOの波にどう乗るべきか、あなたも考えていることでしょう。私の経験から言えるのは、まず「本質を見極める」ことです。株価の急騰は魅力的ですが、その裏にある技術が本当に持続可能な優位性を持っているのか、そしてその技術が市場のニーズに合致しているのかを冷静に分析する必要があります。CPOの場合、データセンターの電力問題やデータ転送速度の限界という、AI時代が抱える根本的な課題を解決する可能性を秘めています。だからこそ、単なる流行り廃りではない、長期的な視点での投資や技術開発が求められるのです。特に、CPOの課題である高温環境下での安定性や保守性、コストといった部分にブレイクスルーをもたらす企業は、今後大きなアドバンテージを持つことになるでしょう。技術者であれば、光通信と半導体の融合という、まさに異分野融合の最前線で何が起きているのか、常にアンテナを張っておくべきです。\n" }],
        findings: [{ line: 13, endLine: 17, severity: 'warning' }],
      },
    ],
  },
  check({ post, options, corpus }) {
    if (corpus.size < 2) return [];
    const { result, analysis } = compare(post, corpus, options);
    const near = new Set(
      result.nearDuplicates
        .filter((n) => (exactSimilarity(analysis, post, n.path, options.shingle) ?? n.similarity) >= options.nearDuplicate)
        .map((n) => n.path),
    );
    const reports: Report[] = [];
    let bodyChars: number | undefined;
    for (const p of result.passages) {
      if (near.has(p.path)) continue;
      if (publishedOrder(analysis, post, p.path) < 0) continue; // the earlier post is the original
      bodyChars ??= normalizedChars(analysis, post);
      const most = p.chars * 2 >= bodyChars && !seriesOrTranslation(analysis, post, p.path);
      const other = describe(analysis, p.path, options);
      reports.push({
        line: p.line,
        endLine: p.endLine,
        severity: most ? 'warning' : 'info',
        messageId: 'sharedPassage',
        data: { line: p.line, endLine: p.endLine, chars: p.chars, other, otherLine: p.otherLine, otherEndLine: p.otherEndLine },
        related: [{ path: p.path, line: p.otherLine, endLine: p.otherEndLine, label: 'same passage' }],
      });
    }
    return reports;
  },
});
