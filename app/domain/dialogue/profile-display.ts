import { parseOrderedJson, type OrderedValue } from "~/domain/json/ordered";

export type ProfileEntry = { key: string; value: string; key_fact: boolean };

/** Keys an annotator needs at a glance; the rest of a profile is shown on demand. */
const KEY_FACTS = [
  "姓名",
  "性别",
  "年龄",
  "工作",
  "身份",
  "职业",
  "人物性格",
  "性格",
  "昵称",
  "口头禅",
  "人物关系",
  "name",
  "gender",
  "age",
  "occupation",
  "personality",
];

function flatten(v: OrderedValue): string {
  switch (v.type) {
    case "string":
      return v.value;
    case "number":
      return v.raw;
    case "bool":
      return String(v.value);
    case "null":
      return "—";
    case "array":
      return v.items.map(flatten).join("、");
    case "object":
      return v.entries.map(([k, x]) => `${k}：${flatten(x)}`).join("；");
  }
}

/** A profile's entries in their original order, values as display text, key facts marked. */
export function profileEntries(profileJson: string): ProfileEntry[] {
  let v: OrderedValue;
  try {
    v = parseOrderedJson(profileJson);
  } catch {
    return [{ key: "profile", value: profileJson, key_fact: true }];
  }
  if (v.type !== "object") return [{ key: "profile", value: flatten(v), key_fact: true }];
  return v.entries.map(([key, x]) => ({ key, value: flatten(x), key_fact: KEY_FACTS.includes(key) }));
}

export type Segment = { text: string; direction: boolean };

/** Splits a line into speech and stage directions in （…） or (…), so directions can be styled apart. */
export function splitDirections(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /（[^（）]*）|\([^()]*\)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index), direction: false });
    out.push({ text: m[0], direction: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), direction: false });
  return out;
}
