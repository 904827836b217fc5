/** Flag parsing for the CLI: `--name value`, `--flag`, and repeated flags (`--responses A=f --responses B=g`).
 *  A command that names a flag with a trailing "..." (`"responses..."`) also takes a space-separated
 *  list after it (`--responses A=f B=g`), as its usage line shows. */
export class UsageError extends Error {
  name = "UsageError";
}

/** `extras`: the first bare word that followed each flag's value (the words are in `values`, in order);
 *  allowed only when the command says the flag takes a list. */
export type Flags = { values: Map<string, string[]>; booleans: Set<string>; extras?: Map<string, string> };

export function parseFlags(argv: string[], booleanFlags: readonly string[]): Flags {
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  const extras = new Map<string, string>();
  let lastValued: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      if (lastValued === null) throw new UsageError(`Unexpected argument "${a}"`);
      if (!extras.has(lastValued)) extras.set(lastValued, a);
      values.get(lastValued)!.push(a);
      continue;
    }
    lastValued = null;
    let name = a.slice(2);
    let value: string | undefined;
    const eq = name.indexOf("=");
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (booleanFlags.includes(name)) {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      booleans.add(name);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
    lastValued = name;
  }
  return { values, booleans, extras };
}

export class Args {
  constructor(
    private flags: Flags,
    allowed: readonly string[],
  ) {
    const names = allowed.map((f) => f.replace(/\.\.\.$/, ""));
    for (const k of [...flags.values.keys(), ...flags.booleans]) {
      if (!names.includes(k) && k !== "json") throw new UsageError(`Unknown flag --${k}`);
    }
    for (const [k, word] of flags.extras ?? []) {
      if (!allowed.includes(`${k}...`)) throw new UsageError(`Unexpected argument "${word}"`);
    }
  }
  get json() {
    return this.flags.booleans.has("json");
  }
  has(name: string) {
    return this.flags.booleans.has(name) || this.flags.values.has(name);
  }
  optional(name: string): string | undefined {
    const v = this.flags.values.get(name);
    if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
    return v?.[0];
  }
  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined || v === "") throw new UsageError(`--${name} is required`);
    return v;
  }
  all(name: string): string[] {
    return this.flags.values.get(name) ?? [];
  }
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.optional(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}`);
    return v as T;
  }
  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.optional(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  }
}
