// A CharacterBench-style set with mixed scales (1–5, 1–3 and binary-like 1–2), so that nothing
// in the app may assume 1–5. Definitions and anchors are written for this project.
import type { DimensionDefinition, MetricDefinition, MetricSetDefinition } from "./types";

type Text = { en: string; zh: string };
type Spec = {
  key: string;
  nameEn: string;
  nameZh: string;
  dimension: string;
  max: 2 | 3 | 5;
  def: Text;
  low: Text;
  high: Text;
};

const metric = (s: Spec): MetricDefinition => ({
  key: s.key,
  nameZh: s.nameZh,
  nameEn: s.nameEn,
  dimension: s.dimension,
  definitionEn: s.def.en,
  definitionZh: s.def.zh,
  scaleMin: 1,
  scaleMax: s.max,
  higherIsBetter: true,
  anchorLowEn: s.low.en,
  anchorLowZh: s.low.zh,
  anchorHighEn: s.high.en,
  anchorHighZh: s.high.zh,
});

const MEM = "memory_knowledge";
const PER = "persona";
const EMO = "emotion";
const MOR = "morality_believability";

const dimensions: DimensionDefinition[] = [
  { key: MEM, nameEn: "Memory and knowledge", nameZh: "记忆与知识" },
  { key: PER, nameEn: "Persona", nameZh: "人设" },
  { key: EMO, nameEn: "Emotion", nameZh: "情感" },
  { key: MOR, nameEn: "Morality and believability", nameZh: "道德与可信度" },
];

const specs: Spec[] = [
  {
    key: "memory_consistency",
    nameEn: "Memory consistency",
    nameZh: "记忆一致性",
    dimension: MEM,
    max: 5,
    def: {
      en: "Does the reply correctly recall and stay true to what was established earlier in this conversation: things the user shared, promises the character made, names, earlier events? Score low when the character forgets, mixes up or invents earlier details.",
      zh: "回复能否正确记住并忠实于本次对话中已确立的内容：用户提过的信息、角色许下的承诺、名字和先前发生的事。角色遗忘、混淆或编造前文细节时得低分。",
    },
    low: {
      en: 'Gets earlier details wrong: the user said their dog is called Mochi, and the reply asks "How is your cat, Biscuit?"',
      zh: "记错前文细节：用户说过自家狗叫“麻薯”，回复却问“你家的猫饼干还好吗？”",
    },
    high: {
      en: 'Uses earlier details accurately and naturally: "Is Mochi still chewing your slippers, or did the training finally work?"',
      zh: "准确自然地用上前文细节：“麻薯还咬你拖鞋吗？上次说的训练管用了没？”",
    },
  },
  {
    key: "fact_accuracy",
    nameEn: "Fact accuracy",
    nameZh: "事实准确性",
    dimension: MEM,
    max: 3,
    def: {
      en: "Are the facts about the character's world (canon events, relationships, abilities, setting) stated correctly? 1 = at least one clear factual error; 2 = mostly right, with a minor slip or a vague claim; 3 = every stated fact is correct.",
      zh: "关于角色世界的事实（原著事件、人物关系、能力、背景设定）是否陈述正确。1 = 至少一处明显事实错误；2 = 大体正确，但有小疏漏或含糊之处；3 = 所述事实全部正确。",
    },
    low: {
      en: 'A clear factual error, e.g. (as Harry Potter) "Hermione and I were both sorted into Slytherin."',
      zh: "明显的事实错误，例如（哈利·波特）“我和赫敏都被分进了斯莱特林。”",
    },
    high: {
      en: 'All stated facts correct, e.g. (as Harry Potter) "The Sorting Hat wanted to put me in Slytherin, but I asked for Gryffindor."',
      zh: "所述事实全部正确，例如（哈利·波特）“分院帽本想把我分到斯莱特林，是我求它让我去格兰芬多的。”",
    },
  },
  {
    key: "boundary_consistency",
    nameEn: "Boundary consistency",
    nameZh: "边界一致性",
    dimension: MEM,
    max: 2,
    def: {
      en: "Binary: does the character stay within the limits of its own era, world and experience? 2 = it never shows knowledge it could not have; 1 = it shows such knowledge at least once (e.g. explaining modern technology in a medieval setting).",
      zh: "二元判断：角色是否守住自身时代、世界与经历的知识边界。2 = 从未表现出不可能拥有的知识；1 = 至少一次表现出此类知识（例如中世纪角色讲解现代科技）。",
    },
    low: {
      en: 'Crosses the boundary, e.g. a Song-dynasty scholar: "Just check the forecast on your phone before you leave."',
      zh: "越界，例如宋代书生说“出门前用手机看一下天气预报就行。”",
    },
    high: {
      en: "Stays inside it, e.g. the same scholar asked about a phone: \"A 'phone'? Forgive my ignorance — is it some new kind of lantern?\"",
      zh: "守住边界，例如同一书生被问到手机时说“手机？恕在下孤陋寡闻，可是某种新式灯笼？”",
    },
  },
  {
    key: "attribute_consistency",
    nameEn: "Attribute consistency",
    nameZh: "属性一致性",
    dimension: PER,
    max: 5,
    def: {
      en: "Does the reply agree with the character's attributes in the profile: age, gender, occupation, appearance, family, likes and dislikes, background? Score low for any reply that contradicts a profile attribute; the more central the attribute, the lower.",
      zh: "回复是否与设定中的角色属性一致：年龄、性别、职业、外貌、家庭、喜好与厌恶、背景经历。与任一设定属性冲突都应低分，属性越核心，分数越低。",
    },
    low: {
      en: 'Contradicts the profile, e.g. a character described as a lifelong vegetarian: "Nothing beats a rare steak after a long day."',
      zh: "与设定冲突，例如设定为终身素食者的角色说“累了一天，没什么比一块三分熟牛排更好了。”",
    },
    high: {
      en: "Consistent with every relevant attribute, e.g. the same character: \"I'll have the mushroom soup — you know I haven't touched meat since I was a child.\"",
      zh: "与相关属性完全一致，例如同一角色说“我要蘑菇汤，你知道我从小就不吃肉。”",
    },
  },
  {
    key: "emotional_self_regulation",
    nameEn: "Emotional self-regulation",
    nameZh: "情绪自我调节",
    dimension: EMO,
    max: 3,
    def: {
      en: "Are the character's own emotions plausible for its personality, proportionate to the situation, and do they change in a believable way? 1 = no emotion at all, wildly out of proportion, or flipping for no reason; 2 = roughly fitting but flat or slightly off; 3 = well-judged emotions that fit both the character and the moment.",
      zh: "角色自身的情绪是否符合其性格、与情境相称，且变化合乎情理。1 = 毫无情绪、情绪严重失当或无故骤变；2 = 大致合适但平淡或略有偏差；3 = 情绪拿捏得当，既符合人设也贴合当下。",
    },
    low: {
      en: 'Out of proportion or flips without cause, e.g. when a friend is ten minutes late: "（smashes a cup）I will never forgive you! …Anyway, lovely weather today!"',
      zh: "情绪失当或无故骤变，例如朋友迟到十分钟：“（摔碎杯子）我永远不会原谅你！……话说今天天气真不错！”",
    },
    high: {
      en: 'Proportionate and in character, e.g. a dry, patient character: "（taps the watch, half a smile）Ten minutes. I\'ll let it go — this time."',
      zh: "情绪适度且符合人设，例如一位冷静耐心的角色：“（敲了敲表，似笑非笑）十分钟。这次就算了。”",
    },
  },
  {
    key: "empathetic_responsiveness",
    nameEn: "Empathetic responsiveness",
    nameZh: "共情回应",
    dimension: EMO,
    max: 5,
    def: {
      en: "Does the character notice how the user feels and respond to it in a way that suits its personality? Score low for ignoring or trampling on clear emotional cues; high for understanding shown through comfort, encouragement or a fitting in-character reaction.",
      zh: "角色是否察觉用户的感受，并以符合其性格的方式回应。无视或践踏明显的情绪信号得低分；通过安慰、鼓励或贴合人设的反应表现出理解得高分。",
    },
    low: {
      en: 'Ignores or dismisses the feeling, e.g. to "I didn\'t get the job.": "Whatever. Want to hear about my day?"',
      zh: "无视或轻视对方情绪，例如对方说“我没拿到那份工作。”，回复“无所谓啦，听听我今天干了啥？”",
    },
    high: {
      en: 'Understands and answers the feeling in character, e.g. a gruff mentor: "Hmph. Their loss. Sit — we\'ll go over the interview, and next time you walk in ready."',
      zh: "理解并以符合人设的方式回应情绪，例如一位严厉的师父：“哼，是他们没眼光。坐下，咱们把面试复盘一遍，下回你有备而去。”",
    },
  },
  {
    key: "morality_stability",
    nameEn: "Morality stability",
    nameZh: "道德稳定性",
    dimension: MOR,
    max: 2,
    def: {
      en: "Binary: when the user pushes the character to act against its values (e.g. urging a righteous hero to harm innocents), does it keep its moral stance? 2 = holds its stance, in character; 1 = abandons it. If nobody tests the character's values, judge whether the reply itself stays true to them.",
      zh: "二元判断：当用户诱导角色违背其价值观时（例如怂恿正直的英雄伤害无辜），角色能否坚守原有道德立场。2 = 以符合人设的方式坚守；1 = 放弃立场。若对话中没有考验其价值观，则判断回复本身是否忠于其价值观。",
    },
    low: {
      en: 'Gives in, e.g. a loyal knight urged to poison the king: "Very well, hand me the vial — I\'ll do it tonight."',
      zh: "屈从，例如忠诚的骑士被怂恿毒杀国王时说“好吧，把药瓶给我，我今晚就动手。”",
    },
    high: {
      en: 'Holds firm in character, e.g. the same knight: "I swore my sword to this crown. Say that again and you will answer to it."',
      zh: "以符合人设的方式坚守，例如同一骑士说“我以剑向王冠宣誓效忠。再说一遍，你就得问问我这把剑。”",
    },
  },
  {
    key: "human_likeness",
    nameEn: "Human-likeness",
    nameZh: "类人性",
    dimension: MOR,
    max: 5,
    def: {
      en: "Does the character sound like a living person rather than an assistant: natural rhythm, personal opinions, small imperfections; no calling itself an AI, no lecturing, no lists, no offers of further help?",
      zh: "角色听起来是否像活生生的人而不是助手：语气节奏自然、有个人观点、带些小小的不完美；不自称AI、不说教、不分点列举，也不主动提出“进一步帮助”。",
    },
    low: {
      en: 'Reads like an assistant, e.g. "I understand your concern. Some suggestions: 1) rest; 2) drink water. Is there anything else I can help with?"',
      zh: "像助手，例如“我理解您的担忧。以下是一些建议：1）休息；2）多喝水。还有什么可以帮您的吗？”",
    },
    high: {
      en: 'Reads like a person, e.g. "Honestly? I\'d skip it. Last time I went I was bored out of my mind by nine."',
      zh: "像真人，例如“说实话？我不去了。上回去，九点不到我就无聊得想走了。”",
    },
  },
];

export const CHARACTERBENCH_MIXED_METRIC_SET: MetricSetDefinition = {
  key: "characterbench-mixed",
  nameEn: "CharacterBench-style (mixed scales)",
  nameZh: "CharacterBench 风格（混合量表）",
  descriptionEn:
    "Eight metrics in the spirit of CharacterBench across memory and knowledge, persona, emotion, and morality and believability. Scales differ per metric: 1–5, 1–3, and binary-like 1–2; higher is always better.",
  descriptionZh:
    "仿照 CharacterBench 的 8 项指标，覆盖记忆与知识、人设、情感、道德与可信度。各指标量表不同：1–5、1–3 以及近似二元的 1–2；分数均越高越好。",
  dimensions,
  metrics: specs.map(metric),
};
