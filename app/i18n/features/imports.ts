// Messages of the imports feature, in both languages (merged under the "imports" namespace key).
const en = {};
const zh: typeof en = {};
export default { en, zh };
