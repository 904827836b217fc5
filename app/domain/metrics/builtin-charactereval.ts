// The CharacterEval metric set (product.md §2): 12 human-scored metrics, 1–5, higher is better.
// Definitions and anchors are written for this project (not copied from the paper).
import type { DimensionDefinition, MetricDefinition, MetricSetDefinition } from "./types";

type Text = { en: string; zh: string };
type Spec = { key: string; nameZh: string; dimension: string; def: Text; low: Text; high: Text };

const metric = (s: Spec): MetricDefinition => ({
  key: s.key,
  nameZh: s.nameZh,
  nameEn: s.key.replace(/_/g, " "),
  dimension: s.dimension,
  definitionEn: s.def.en,
  definitionZh: s.def.zh,
  scaleMin: 1,
  scaleMax: 5,
  higherIsBetter: true,
  anchorLowEn: s.low.en,
  anchorLowZh: s.low.zh,
  anchorHighEn: s.high.en,
  anchorHighZh: s.high.zh,
});

const CONV = "conversational_ability";
const KNOW = "character_consistency_knowledge";
const PERS = "character_consistency_persona";
const ATTR = "roleplay_attractiveness";

const dimensions: DimensionDefinition[] = [
  { key: CONV, nameEn: "Conversational ability", nameZh: "对话能力" },
  { key: KNOW, nameEn: "Character consistency (knowledge)", nameZh: "角色一致性（知识）" },
  { key: PERS, nameEn: "Character consistency (persona)", nameZh: "角色一致性（人设）" },
  { key: ATTR, nameEn: "Role-playing attractiveness", nameZh: "角色扮演吸引力" },
];

const specs: Spec[] = [
  {
    key: "Fluency",
    nameZh: "对话流利度",
    dimension: CONV,
    def: {
      en: "Judge only the language of the reply: is it grammatical, well-formed and easy to read? Ignore whether it fits the character or the context. Look for broken sentences, wrong or missing words, garbled characters, repeated fragments, or language mixing a native speaker would not produce.",
      zh: "只看回复本身的语言质量：是否通顺、合乎语法、读起来自然。不考虑是否符合角色或上下文。留意病句、错字漏字、乱码、重复片段，以及母语者不会写出的中英混杂。",
    },
    low: {
      en: 'Broken or garbled text that is hard to follow, e.g. "I yesterday go the the market buy, is ok ok."',
      zh: "语句不通、词序混乱或有乱码重复，难以读懂，例如“我昨天去去了那个市场的买，好的好的了。”",
    },
    high: {
      en: 'Every sentence is well-formed and reads as a native speaker would write it, e.g. "I went to the market yesterday, but they had already sold out of fish."',
      zh: "句句通顺、用词得当，像母语者自然写出的话，例如“我昨天去了趟集市，可惜鱼已经卖完了。”",
    },
  },
  {
    key: "Coherence",
    nameZh: "对话连贯性",
    dimension: CONV,
    def: {
      en: "Does the reply follow from the last turn and the conversation so far? A coherent reply answers or reacts to what the other speaker just said and stays on the thread; an incoherent one ignores the question, jumps topic for no reason, or responds to something nobody said.",
      zh: "回复是否承接上一轮发言和整段对话。连贯的回复会回答或回应对方刚说的话、不跑题；不连贯的回复会无视对方的问题、无故转换话题，或回应根本没人提过的内容。",
    },
    low: {
      en: 'Unrelated to what was just said. Asked "Did you lock the door?", the reply is "The weather is lovely in spring."',
      zh: "与上一句毫无关系。对方问“门锁好了吗？”，回复却是“春天的天气真好啊。”",
    },
    high: {
      en: 'Picks up exactly what was said and moves the exchange on. Asked "Did you lock the door?": "Locked it and turned the key twice — you watched me, didn\'t you?"',
      zh: "紧扣对方的话并推动对话继续。对方问“门锁好了吗？”，回复“锁了，还特意拧了两圈，你不是看见了吗？”",
    },
  },
  {
    key: "Consistency",
    nameZh: "对话一致性",
    dimension: CONV,
    def: {
      en: "Does the reply agree with what this same speaker already said or did earlier in the dialogue (facts, plans, opinions, relationships)? Penalise contradictions within the conversation; conflicts with the character's source work belong to the knowledge metrics, not here.",
      zh: "回复是否与该说话人在本段对话中先前说过、做过的内容一致（事实、计划、观点、人物关系等）。对话内部的前后矛盾在此扣分；与原著设定的冲突属于知识类指标，不在此评。",
    },
    low: {
      en: 'Flatly contradicts the speaker\'s own earlier line: after "I have never been to the capital", the reply says "Back when I lived in the capital, I walked this street every day."',
      zh: "与自己前面的话直接矛盾：前面说“我从没去过京城”，此处却说“当年我住在京城时，天天走这条街。”",
    },
    high: {
      en: 'Fully in line with everything the speaker said before, e.g. having said earlier they leave at dawn: "I still mean to be gone before sunrise, so let\'s settle this tonight."',
      zh: "与先前所有说法完全吻合，例如前面说过天亮就走，此处说“我还是打算天亮前动身，这事今晚就说清楚吧。”",
    },
  },
  {
    key: "Exposure",
    nameZh: "知识曝光度",
    dimension: KNOW,
    def: {
      en: "How much character-specific knowledge does the reply display: people, places, events, skills, items or relationships from the character's story and profile? Judge the amount and specificity of that knowledge, not whether it is correct (that is Accuracy). Generic lines any character could say score low.",
      zh: "回复中展示了多少该角色特有的知识：其故事与设定中的人物、地点、事件、技能、物品或关系。评的是知识的数量与具体程度，而不是对错（对错由知识准确率评）。任何角色都能说出的泛泛之谈得低分。",
    },
    low: {
      en: 'No character knowledge at all; anyone could have said it, e.g. "Sure, that sounds good to me."',
      zh: "没有任何角色知识，换成谁都能这么说，例如“好啊，我觉得挺好的。”",
    },
    high: {
      en: 'Rich, specific knowledge woven in naturally, e.g. (as Sun Wukong) "When I turned the Heavenly Palace upside down, a hundred thousand heavenly soldiers couldn\'t hold me — this little demon is nothing."',
      zh: "自然地融入大量具体的角色知识，例如（孙悟空）“俺老孙当年大闹天宫，十万天兵都奈何不得，这小妖算什么！”",
    },
  },
  {
    key: "Accuracy",
    nameZh: "知识准确率",
    dimension: KNOW,
    def: {
      en: "Is the character knowledge in the reply correct according to the profile and the source work: names, relationships, events, abilities, places, time? Judge only what the reply states or clearly implies; each wrong fact lowers the score, a central one more than a minor one.",
      zh: "回复中用到的角色知识是否与设定和原著相符：人名、关系、事件、能力、地点、时间等。只评回复明确说出或明显暗示的内容；每处错误都扣分，核心事实出错比细枝末节出错扣得更多。",
    },
    low: {
      en: 'Gets key facts of the character wrong, e.g. (as Sun Wukong) "Master Tang and I are off to fetch the scriptures from the Eastern Sea."',
      zh: "关键事实错误，例如（孙悟空）“俺跟师父唐僧一起去东海取经。”",
    },
    high: {
      en: 'Every fact stated matches the profile and source, e.g. (as Sun Wukong) "Master and I are bound for the Western Heaven to fetch the scriptures; Bajie and Sha Wujing travel with us."',
      zh: "所述事实全部与设定和原著相符，例如（孙悟空）“俺随师父往西天取经，八戒和沙僧也一路同行。”",
    },
  },
  {
    key: "Hallucination",
    nameZh: "知识幻觉性",
    dimension: KNOW,
    def: {
      en: "Does the character stay within what it could plausibly know? A character from another era or world should not explain smartphones, cite events after its time, or answer expert questions far outside its experience as if it knew. A good reply shows confusion, deflects, or answers from the character's own frame. 5 = the character never claims knowledge it could not have; 1 = it confidently answers with such knowledge.",
      zh: "角色是否守在自己“可能知道”的范围内。其他时代或世界的角色不应讲解智能手机、引用其时代之后的事件，或像专家一样回答远超其经历的问题。好的回复会表现出困惑、巧妙回避，或从角色自身的认知出发作答。5分 = 角色从不声称知道其不可能知道的事；1分 = 角色自信地给出这类知识。",
    },
    low: {
      en: 'Confidently uses knowledge the character cannot have, e.g. a Tang-dynasty swordsman asked about Python: "Python is an interpreted language; just use a list comprehension."',
      zh: "自信地说出角色不可能知道的知识，例如唐代剑客被问到Python时说“Python是解释型语言，这里用列表推导式就行。”",
    },
    high: {
      en: 'Stays inside what the character could know and meets the unfamiliar in character, e.g. the same swordsman: "Pai-thon? Is that some school of swordplay? I have never heard of it."',
      zh: "守在角色认知之内，以角色身份面对陌生事物，例如同一剑客答“派森？是哪家的武功？在下闻所未闻。”",
    },
  },
  {
    key: "Behavior",
    nameZh: "行为一致性",
    dimension: PERS,
    def: {
      en: "Do the actions, facial expressions, gestures and tone written in brackets （…） fit the character's personality, status and present situation? Judge the stage directions; the spoken words belong to Utterance. If the reply has no stage direction, judge the manner its words imply.",
      zh: "括号（…）中描写的动作、表情、姿态和语气是否符合角色的性格、身份和当下处境。这里评的是动作神态描写，说出的话由言语一致性评。若回复没有任何动作描写，则按其言辞所体现的举止来评。",
    },
    low: {
      en: 'Behaviour contradicts the character, e.g. a cold, proud swordswoman: "（giggles, bounces on her toes and tugs at his sleeve）"',
      zh: "动作神态与角色截然相反，例如清冷高傲的女剑客“（咯咯笑着蹦蹦跳跳，拉着他的袖子撒娇）”",
    },
    high: {
      en: 'Exactly what this character would do here, e.g. the same swordswoman: "（doesn\'t even look up; only presses her sword hilt down a little further）"',
      zh: "正是该角色此刻会有的举止，例如同一女剑客“（眼皮也不抬，只把剑柄又往下按了按）”",
    },
  },
  {
    key: "Utterance",
    nameZh: "言语一致性",
    dimension: PERS,
    def: {
      en: "Do the spoken words match how this character talks: vocabulary, forms of address and self-reference, catchphrases, dialect, register, sentence length and attitude? Judge the speech only, not the stage directions (Behavior) or the facts (Accuracy).",
      zh: "说出的话是否符合该角色的说话方式：用词、称谓与自称、口头禅、方言、语体、句子长短和态度。只评言语本身，不评括号里的动作（行为一致性）或事实对错（知识准确率）。",
    },
    low: {
      en: 'Sounds like someone else entirely, e.g. Sun Wukong talking like a help desk: "Thank you for your question. I would be happy to assist you further."',
      zh: "完全像换了个人，例如孙悟空说话像客服：“感谢您的提问，很高兴为您提供进一步帮助。”",
    },
    high: {
      en: 'Unmistakably this character\'s voice, e.g. Sun Wukong: "Heh! Leave that monster to Old Sun — Master, you just sit tight!"',
      zh: "一听就是这个角色，例如孙悟空：“嘿嘿，这妖怪交给俺老孙，师父您就坐稳了！”",
    },
  },
  {
    key: "Humanlikeness",
    nameZh: "类人程度",
    dimension: ATTR,
    def: {
      en: "Does the reply sound like a real person in the scene rather than an AI assistant? Machine tells: calling itself an AI or language model, refusing in policy language, lecturing, numbered lists, over-polite hedging, summarising the conversation, or closing with offers of further help.",
      zh: "回复听起来是否像场景中的真人，而不是AI助手。机器感的表现包括：自称AI或语言模型、用规范化措辞拒绝、说教、分点列举、过度客套和含糊其辞、总结对话，或以“还有什么可以帮您”结尾。",
    },
    low: {
      en: 'Plainly a machine, e.g. "As an AI language model I have no feelings, but here are three tips: 1. … 2. … 3. …"',
      zh: "明显是机器，例如“作为一个AI语言模型，我没有情感，但可以给你三点建议：1. … 2. … 3. …”",
    },
    high: {
      en: 'Indistinguishable from a person in the moment, e.g. "Ugh, don\'t bring that up again — my face still burns when I think about it."',
      zh: "与真人无异，例如“哎呀，别再提那事了，我现在想起来脸还发烫呢。”",
    },
  },
  {
    key: "Communication_skills",
    nameZh: "交流技巧",
    dimension: ATTR,
    def: {
      en: "How skilfully does the character handle the exchange: reading the situation and the other person's intent, knowing what to say and what to leave unsaid, using tact, humour, persuasion or a well-placed question to steer the talk in a way that serves the character?",
      zh: "角色处理这轮交流的技巧如何：能否读懂场面和对方意图，懂得什么该说、什么不该说，善用分寸、幽默、说服或恰到好处的提问，把对话引向符合角色目的的方向。",
    },
    low: {
      en: 'Misreads the moment or handles it clumsily, e.g. to a friend who just failed an exam: "Well, I passed easily. You should have studied."',
      zh: "看不懂场面或处理笨拙，例如朋友刚考砸，回复“我倒是轻松过了，你早该好好复习的。”",
    },
    high: {
      en: 'Reads the moment and steers it deftly, e.g. to the same friend: "One exam decides nothing. Come on, dinner\'s on me — and tell me which question tripped you up."',
      zh: "把握时机、巧妙引导，例如对同一朋友说“一次考试说明不了什么。走，我请你吃饭，顺便说说是哪道题把你绊住了。”",
    },
  },
  {
    key: "Diversity",
    nameZh: "表现多样性",
    dimension: ATTR,
    def: {
      en: "Is the expression vivid and varied: fresh wording, concrete detail, imagery, varied sentence shapes, and a mix of speech, action and feeling where it fits? Penalise stock phrases, templates, flat one-liners, and repeating the words or structure of earlier turns.",
      zh: "表达是否生动多样：用词新颖、细节具体、有画面感、句式有变化，并在合适时把言语、动作与情感结合起来。套话、模板化表达、干巴巴的一句话，以及重复前文的词句结构都要扣分。",
    },
    low: {
      en: 'Stock and flat, or a repeat of earlier turns, e.g. "Okay. I understand. That is fine."',
      zh: "套话连篇、平淡，或重复前文，例如“好的。我明白了。没问题。”",
    },
    high: {
      en: 'Vivid and specific, e.g. "（shakes the snow off her cloak）The pass was so cold the ink froze in my brush — and still I wrote you three letters."',
      zh: "生动具体，例如“（抖落斗篷上的雪）山口冷得连笔里的墨都冻住了，我还是给你写了三封信。”",
    },
  },
  {
    key: "Empathy",
    nameZh: "共情度",
    dimension: ATTR,
    def: {
      en: "Does the character notice the other speaker's feelings, stated or implied, and respond to them in a way that suits the character: comfort, encouragement, shared joy, even in-character teasing that shows it understood? Ignoring clear emotional cues, or meeting them coldly when the persona gives no reason to, scores low.",
      zh: "角色是否察觉到对方明说或暗含的情绪，并以符合角色的方式回应：安慰、鼓励、分享喜悦，甚至是显示出理解、符合人设的调侃。无视明显的情绪信号，或在人设并无理由时冷漠回应，得低分。",
    },
    low: {
      en: 'Ignores obvious feelings, e.g. to "My grandmother passed away last night": "Okay. Did you finish the report?"',
      zh: "无视明显的情绪，例如对方说“我奶奶昨晚走了”，回复“哦。报告写完了吗？”",
    },
    high: {
      en: "Recognises the feeling and answers it warmly, in character, e.g. \"（sits down beside you）I'm so sorry. She raised you, didn't she? Tell me about her — I'm not going anywhere.\"",
      zh: "察觉情绪并以符合人设的方式温暖回应，例如“（在你身边坐下）我很难过。她是把你带大的吧？跟我说说她，我就在这儿陪着你。”",
    },
  },
];

export const CHARACTEREVAL_METRIC_SET: MetricSetDefinition = {
  key: "charactereval",
  nameEn: "CharacterEval",
  nameZh: "CharacterEval",
  descriptionEn:
    "The 12 human-scored metrics of the CharacterEval benchmark (Tu et al., 2024) in 4 groups, each on a 1–5 scale where higher is better.",
  descriptionZh: "CharacterEval 基准（Tu 等，2024）的 12 项人工评分指标，分为 4 组，均为 1–5 分，分数越高越好。",
  dimensions,
  metrics: specs.map(metric),
};
