// Messages of the exports feature, in both languages (merged under the "exports" namespace key).
const en = {};
const zh: typeof en = {};
export default { en, zh };
