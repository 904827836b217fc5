// Messages of the project overview (namespace key "overview"): completion and the first steps.
const en = {
  description: "About this project",
  complete: "{{percent}}% complete",
  completeDetail: "{{done}} of {{units}} units have their {{k}} ratings · {{ratings}} ratings so far",
  noUnits: "Nothing to rate yet: import dialogues and responses first.",
  checklist: "Next steps",
  checklistHint: "A new project needs three things before annotators can work.",
  stepImport: "Import dialogues, character profiles and model responses",
  stepInvite: "Invite annotators on the Members page",
  stepStart: "Start annotating: annotators open the project and press Start; the Queue page shows their progress",
  done: "done",
  open: "Open",
};

const zh: typeof en = {
  description: "项目简介",
  complete: "已完成 {{percent}}%",
  completeDetail: "{{units}} 个单元中 {{done}} 个已有 {{k}} 条评分 · 目前共 {{ratings}} 条评分",
  noUnits: "还没有需要评分的内容：请先导入对话和回复。",
  checklist: "下一步",
  checklistHint: "新项目要完成以下三步，标注员才能开始工作。",
  stepImport: "导入对话、角色资料和模型回复",
  stepInvite: "在“成员”页面邀请标注员",
  stepStart: "开始标注：标注员打开项目并点击“开始标注”；“队列”页面显示进度",
  done: "已完成",
  open: "前往",
};

export default { en, zh };
