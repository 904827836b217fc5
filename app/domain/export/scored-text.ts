// CharacterEval scores only the first line of a model's reply: transform_format.py does
// `data['model_output'].split("\n")[0]  # Prevent continuous generation`. Only "\n" splits, so a
// "\r" before it stays, exactly as in Python.
export function scoredText(fullText: string): string {
  const i = fullText.indexOf("\n");
  return i === -1 ? fullText : fullText.slice(0, i);
}

/** The text annotators and judges score: the first line under the CharacterEval convention, else all. */
export function scoredTextFor(fullText: string, firstLineOnly: boolean): string {
  return firstLineOnly ? scoredText(fullText) : fullText;
}

/**
 * CharacterEval ids are JSON integers. Ids stored as text are written back as numbers when they are
 * canonical safe integers ("5320" → 5320), so exports compare equal with CharacterEval's own files;
 * anything else ("007", "a-1") stays a string.
 */
export function jsonDialogueId(id: string | number): string | number {
  if (typeof id === "number") return id;
  if (/^-?(0|[1-9]\d{0,15})$/.test(id) && Number.isSafeInteger(Number(id)) && id !== "-0") return Number(id);
  return id;
}
