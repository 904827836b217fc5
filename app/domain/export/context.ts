// A CharacterEval context is lines "说话人：内容" joined by "\n" (full-width colon, stage directions in
// （…）). This turns it into speaker turns so exports can map the character's lines to "assistant".

export type Turn = {
  /** null for narration (a line with no speaker) */
  speaker: string | null;
  text: string;
  isCharacter: boolean;
};

export type ParseContextOptions = {
  /** other names the character speaks under (e.g. a nickname) */
  aliases?: readonly string[];
};

const COLON = "：";
const MAX_SPEAKER_LENGTH = 24;
// "小郭（忍着）：…": the direction belongs to the line, not to the name.
const SPEAKER_WITH_DIRECTION = /^([^（(]+?)\s*([（(][^）)]*[）)])$/;
const WHOLE_DIRECTION = /^[（(].*[）)]$/;

function speakerOf(label: string): { name: string; direction: string } | null {
  const t = label.trim();
  if (t.length === 0 || t.length > MAX_SPEAKER_LENGTH) return null;
  const m = SPEAKER_WITH_DIRECTION.exec(t);
  if (m) return { name: m[1].trim(), direction: m[2] };
  if (/[（()）]/.test(t)) return null;
  return { name: t, direction: "" };
}

/**
 * Lines with a speaker start a turn. A line without one is narration when it is a stage direction in
 * （…） or comes first, and otherwise continues the previous turn (a reply broken over two lines).
 * Empty lines are dropped. Turns are not merged here: consecutive lines of one speaker stay separate.
 */
export function parseContext(context: string, role: string, options: ParseContextOptions = {}): Turn[] {
  const names = new Set([role, ...(options.aliases ?? [])]);
  const turns: Turn[] = [];
  for (const raw of context.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const at = line.indexOf(COLON);
    const who = at > 0 ? speakerOf(line.slice(0, at)) : null;
    if (who) {
      const text = line.slice(at + COLON.length);
      turns.push({
        speaker: who.name,
        text: who.direction ? who.direction + text : text,
        isCharacter: names.has(who.name),
      });
    } else if (turns.length === 0 || WHOLE_DIRECTION.test(line.trim())) {
      turns.push({ speaker: null, text: line, isCharacter: false });
    } else {
      turns[turns.length - 1].text += "\n" + line;
    }
  }
  return turns;
}

/**
 * A reply as the prompt's assistant turns carry it: "罗辑：……" loses the character's name and colon (a
 * stage direction after the name stays, as in parseContext), so a model trained on chosen/rejected does
 * not learn to say its own name. Text that does not start with the character's name is left as it is.
 */
export function characterReply(text: string, role: string, options: ParseContextOptions = {}): string {
  const at = text.indexOf(COLON);
  const who = at > 0 ? speakerOf(text.slice(0, at).split("\n").pop()!) : null;
  if (!who || text.slice(0, at).includes("\n") || !new Set([role, ...(options.aliases ?? [])]).has(who.name)) return text;
  return who.direction + text.slice(at + COLON.length);
}
