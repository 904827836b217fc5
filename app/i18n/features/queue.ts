// Messages of the queue feature, in both languages (merged under the "queue" namespace key).
const en = {};
const zh: typeof en = {};
export default { en, zh };
