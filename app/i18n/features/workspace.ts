// Messages of the workspace feature, in both languages (merged under the "workspace" namespace key).
const en = {};
const zh: typeof en = {};
export default { en, zh };
