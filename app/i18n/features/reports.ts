// Messages of the reports feature, in both languages (merged under the "reports" namespace key).
const en = {};
const zh: typeof en = {};
export default { en, zh };
