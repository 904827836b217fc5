// Messages of pairwise projects' preference import and export (issue 22) (namespace key "pairwiseData").
const en = {
  title: "Preferences",
  /** problems of one record of a preferences file, rendered like imports.problem.* */
  problem: {
    sameModel: "model_a and model_b are the same model ({{model}})",
    winner: 'winner must be model_a ({{a}}), model_b ({{b}}) or "tie", found {{found}}',
    comparedTwice:
      "annotator {{annotator}} already compared {{a}} and {{b}} on dialogue {{dialogue}}, metric {{metric}} (record {{first}})",
    sameAccount: "the same annotator account ({{email}}) already compared this pair on this metric at record {{first}}",
    differentChoice: "{{annotator}} already chose {{was}} on this comparison; a different choice ({{choice}}) is not imported over it",
  },
  errors: {
    scoringProject: "{{project}} is a scoring project; preferences are imported and exported only in pairwise projects (--mode pairwise).",
  },
  export: {
    title: "Preferences for reward-model training",
    intro:
      "One TRL record per comparison and metric whose choices have a strict majority (chosen and rejected reply, the prompt from the profile and context), split by dialogue. Only on-time choices count.",
    ties: "Keep ties (records marked tie: true)",
    perAnnotator: "One record per annotator's choice, with an opaque annotator id (and a profile file beside it over the CLI)",
    download: "Download preferences (JSONL)",
  },
};
const zh: typeof en = {
  title: "偏好数据",
  problem: {
    sameModel: "model_a 与 model_b 是同一个模型（{{model}}）",
    winner: 'winner 必须是 model_a（{{a}}）、model_b（{{b}}）或 "tie"，实际为 {{found}}',
    comparedTwice: "标注者 {{annotator}} 已在对话 {{dialogue}}、指标 {{metric}} 上比较过 {{a}} 与 {{b}}（记录 {{first}}）",
    sameAccount: "同一标注账号（{{email}}）已在记录 {{first}} 中就该指标比较过这对回复",
    differentChoice: "{{annotator}} 已在此比较中选择了 {{was}}；不同的选择（{{choice}}）不会覆盖它",
  },
  errors: {
    scoringProject: "{{project}} 是评分项目；偏好数据只能在成对比较项目（--mode pairwise）中导入和导出。",
  },
  export: {
    title: "用于奖励模型训练的偏好数据",
    intro:
      "每个比较与指标一条 TRL 记录（仅当选择有严格多数时；含被选与被拒回复，提示词来自角色资料与上下文），按对话划分数据集。只计入按时提交的选择。",
    ties: "保留平局（记录标记 tie: true）",
    perAnnotator: "每位标注者的每个选择一条记录，附不透明的标注者编号（命令行导出时另附标注者概况文件）",
    download: "下载偏好数据（JSONL）",
  },
};
export default { en, zh };
