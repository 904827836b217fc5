// A character profile as readable text for chat prompts (pairs export). Unlike charrm's input_text this
// has no byte-exact reference; it only has to be stable and keep the profile's key order.
import type { OrderedValue } from "../json/ordered";

function scalarText(v: OrderedValue): string | null {
  switch (v.type) {
    case "string":
      return v.value;
    case "number":
      return v.raw;
    case "bool":
      return v.value ? "是" : "否";
    case "null":
      return "无";
    default:
      return null;
  }
}

function isFlat(v: OrderedValue): boolean {
  return v.type === "array" && v.items.every((x) => scalarText(x) !== null);
}

function lines(v: OrderedValue, pad: string, out: string[]): void {
  if (v.type === "object") {
    for (const [k, x] of v.entries) {
      const s = scalarText(x);
      if (s !== null) out.push(`${pad}${k}：${s}`);
      else if (isFlat(x)) out.push(`${pad}${k}：${(x as { items: OrderedValue[] }).items.map(scalarText).join("、")}`);
      else {
        out.push(`${pad}${k}：`);
        lines(x, pad + "  ", out);
      }
    }
  } else if (v.type === "array") {
    for (const x of v.items) {
      const s = scalarText(x);
      if (s !== null) out.push(`${pad}- ${s}`);
      else {
        out.push(`${pad}-`);
        lines(x, pad + "  ", out);
      }
    }
  } else {
    out.push(pad + scalarText(v));
  }
}

/** "键：值" lines in profile order; lists of plain values joined by "、", nested maps indented. */
export function profileToText(profile: OrderedValue): string {
  const out: string[] = [];
  lines(profile, "", out);
  return out.join("\n");
}

export function buildRoleSystemPrompt(role: string, profile: OrderedValue, novelName?: string | null): string {
  const source = novelName ? `，出自《${novelName}》` : "";
  return (
    `你是${role}${source}。请始终以${role}的身份、性格和说话方式进行对话，不要跳出角色。\n\n` +
    `${role}的角色资料：\n${profileToText(profile)}`
  );
}
