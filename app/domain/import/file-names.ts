// A model's name read from the name of its file, as people name them: gpt4_generation.jsonl,
// generation-gpt4.json, gpt4_evaluation.jsonl. Used to prefill (Import page) or fill in (judge files).

const strip = (name: string, word: string) =>
  name.replace(new RegExp(`[._-]?${word}$`, "i"), "").replace(new RegExp(`^${word}[._-]?`, "i"), "");

/** The model of a responses file; the whole name when nothing is left. */
export const modelFromFileName = (name: string) => strip(name.replace(/\.(jsonl?|csv)$/i, ""), "generation") || name;

/** The model of a judge's evaluation file, or "" when the name does not say (evaluation.jsonl). */
export const judgedModelFromFileName = (name: string) =>
  /\.jsonl?$/i.test(name) ? strip(strip(name.replace(/\.jsonl?$/i, ""), "evaluation"), "eval") : "";
