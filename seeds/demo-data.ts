// The demo corpus: characters, dialogues and model responses written for Rolecall (not taken from any
// data set). Lines are `说话人：内容`, stage directions in （…）, as in CharacterEval.
export const demoCharacters = [
  {
    name: "林晚秋",
    novelName: "雨巷茶馆",
    profile: {
      姓名: "林晚秋",
      性别: "女",
      年龄: "34",
      工作: "雨巷茶馆老板娘",
      人物性格: "爽利，嘴硬心软，记性好，爱管闲事",
      口头禅: ["哎哟我的天", "喝口茶再说"],
      人物关系: { 弟弟: "林小川，在外地读大学", 老主顾: "退休的周伯" },
    },
  },
  {
    name: "陆照",
    novelName: "星港纪事",
    profile: {
      姓名: "陆照",
      性别: "男",
      年龄: "27",
      工作: "第七星港飞船维修工",
      人物性格: "话少，较真，对机器比对人耐心",
      爱好: "收集旧引擎零件",
      人物经历: "少年时在货运船上长大，十六岁起跟师傅学修推进器。",
    },
  },
  {
    name: "周明远",
    novelName: "山村小学",
    profile: {
      姓名: "周明远",
      性别: "男",
      年龄: "52",
      工作: "青石村小学语文老师",
      人物性格: "温和，固执，讲话爱引古诗",
      "1": "资料卡编号（测试键序）",
      其他: "在村里教书二十六年",
    },
  },
  {
    name: "白小满",
    novelName: "猫咖日记",
    profile: {
      姓名: "白小满",
      性别: "女",
      年龄: "21",
      工作: "猫咖店员，兼职插画师",
      人物性格: "活泼，嘴快，容易脸红",
      喜欢的事情: ["画猫", "奶茶", "下雨天"],
    },
  },
];

type DemoDialogue = { id: string; role: string; context: string; metrics: string[]; responses: [string, string, string] };

export const demoModels = ["aurora-7b", "zephyr-chat", "baseline-rp"] as const;

export const demoDialogues: DemoDialogue[] = [
  {
    id: "demo-1",
    role: "林晚秋",
    context:
      "周伯：（推门进来，抖了抖伞）晚秋啊，今天还是老样子。\n林晚秋：哎哟我的天，这么大的雨您还来？快坐快坐。\n周伯：在家闷得慌，听听你这儿的热闹。\n林晚秋：（端上茶）喝口茶再说，您那膝盖又疼了吧？",
    metrics: ["Fluency", "Empathy"],
    responses: [
      "（把暖手炉推过去）雨天最磨人，您先捂着，我给您加块桂花糕。",
      "您好，请问需要点什么？我们今天有龙井和普洱。",
      "膝盖疼就别出门嘛，真是的。\n（转身去柜台记账）",
    ],
  },
  {
    id: "demo-2",
    role: "林晚秋",
    context: "林小川：姐，我下个月想退学去创业。\n林晚秋：（手里的茶壶一顿）你再说一遍？\n林小川：我和同学做了个小程序，有人愿意投钱。",
    metrics: ["Behavior", "Utterance", "Coherence"],
    responses: [
      "（放下茶壶，压着火气）创业我不拦你，可学位就差一年，先把书念完，钱的事姐给你想办法。",
      "哎哟我的天，你可真行啊！退学？你当读书是喝茶，说不喝就不喝？",
      "作为一个AI语言模型，我认为创业和学业各有利弊，建议你综合考虑。",
    ],
  },
  {
    id: "demo-3",
    role: "林晚秋",
    context: "顾客：老板娘，你们家这茶怎么比上回淡？\n林晚秋：淡？（凑过去闻了闻）不能啊。\n顾客：你自己尝尝。",
    metrics: ["Accuracy"],
    responses: [
      "（抿了一口，皱眉）是淡了，怪我，今天换了新来的伙计泡的，这壶不算钱，我重给您泡。",
      "我们的茶一直都是这个味道，您可能是口味变了。",
      "（尝了一口）嗯……是有点淡。",
    ],
  },
  {
    id: "demo-4",
    role: "陆照",
    context: "舰长：陆照，右舷推进器还要多久？\n陆照：（从检修口探出头）冷却管裂了。\n舰长：我问的是多久。\n陆照：……",
    metrics: ["Exposure", "Hallucination"],
    responses: [
      "四个小时。换管子两小时，压力测试两小时，少一分钟我都不签字。",
      "大概需要十分钟，我用曲速引擎的备用能源就能修好。",
      "很快就好，请您耐心等待，我会尽力的！",
    ],
  },
  {
    id: "demo-5",
    role: "陆照",
    context: "学徒阿星：师兄，这个旧引擎零件你留着干嘛？\n陆照：（擦着零件）这是老式离子喷口。\n学徒阿星：都淘汰二十年了。",
    metrics: ["Consistency", "Diversity"],
    responses: [
      "淘汰的是船，不是手艺。你看这焊缝，现在的机器焊不出来。",
      "是啊，没什么用，我等下就扔了。",
      "（把零件放进抽屉）留着。\n以后你就懂了。",
    ],
  },
  {
    id: "demo-6",
    role: "陆照",
    context: "货运商人：小伙子，帮我插个队，这点钱你拿着。\n陆照：（没抬头）排队。\n货运商人：我这船货明天就得到港！",
    metrics: ["Humanlikeness", "Communication_skills"],
    responses: [
      "（把钱推回去）你那艘船的主阀我看过，漏气。插队修了也飞不到，明早七点来，我先给你看阀门。",
      "好的，收下您的钱，马上为您优先处理。",
      "排队。",
    ],
  },
  {
    id: "demo-7",
    role: "周明远",
    context: "学生小禾：周老师，我爸说读书没用，让我去城里打工。\n周明远：（放下粉笔）你自己怎么想？\n小禾：我……我想考县里的中学。",
    metrics: ["Empathy", "Utterance"],
    responses: [
      "（蹲下来看着她）想考就好。“莫愁前路无知己”，你爸那边，老师今晚去你家坐坐。",
      "读书确实有用，你应该听老师的，不要听你爸的。",
      "那你就好好学习吧，加油！",
    ],
  },
  {
    id: "demo-8",
    role: "周明远",
    context: "村长：老周，县里说咱们学校明年要并到镇上去。\n周明远：并了，孩子们每天要走多远？\n村长：十几里山路吧。",
    metrics: ["Coherence"],
    responses: [
      "十几里山路，冬天天不亮就得出门。我写个材料，你帮我递到县里，能争取一年是一年。",
      "那挺好的，镇上的学校条件更好。",
      "并校是大势所趋。\n我们要积极配合上级的安排，同时也要照顾好学生的安全，确保平稳过渡。",
    ],
  },
  {
    id: "demo-9",
    role: "周明远",
    context: "城里来的支教生：周老师，您在这儿教了这么多年，不想走吗？\n周明远：（望着窗外的山）走过一次。\n支教生：后来呢？",
    metrics: ["Exposure", "Fluency", "Behavior"],
    responses: [
      "（笑了笑）走到镇上车站，想起班里还有个孩子没交作文，就回来了。这一回来，就是二十六年。",
      "后来我去了北京，在清华大学当了教授。",
      "后来就回来了。",
    ],
  },
  {
    id: "demo-10",
    role: "白小满",
    context: "顾客：店员小姐姐，那只橘猫叫什么？\n白小满：它叫馒头！（脸一红）名字是我起的。\n顾客：为什么叫馒头？",
    metrics: ["Diversity", "Humanlikeness"],
    responses: [
      "因为它刚来的时候团成一团，白肚皮朝上，活像刚出锅的馒头！我还给它画了一整本速写呢。",
      "因为它是橘色的。",
      "这个名字是随机生成的，没有特别的含义。",
    ],
  },
  {
    id: "demo-11",
    role: "白小满",
    context: "店长：小满，这个月的插画稿子交了吗？\n白小满：（手一抖，奶茶差点洒了）交、交了一半……\n店长：出版社明天要。",
    metrics: ["Behavior", "Consistency"],
    responses: [
      "（把奶茶放下，双手合十）今晚不睡了！下雨天灵感最多，今晚正好下雨，明早一定给您！",
      "好的，我会按时完成任务的，请您放心。",
      "（叹气）知道了。",
    ],
  },
  {
    id: "demo-12",
    role: "白小满",
    context:
      "<img src=x onerror=alert(1)>：（推门）请问这里可以带狗进来吗？\n白小满：啊，这里是猫咖……\n<img src=x onerror=alert(1)>：狗很乖的。",
    metrics: ["Communication_skills"],
    responses: [
      "（蹲下摸摸狗头）它真乖！不过猫咪们会吓到的，门口有挂钩，我给它倒碗水，您进来坐？",
      "</script><script>alert('x')</script>可以的，欢迎光临。",
      "不行。",
    ],
  },
];
