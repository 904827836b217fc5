/** Flag parsing for the CLI: `--name value`, `--flag`, and repeated flags (`--responses A=f --responses B=g`). */
export class UsageError extends Error {
  name = "UsageError";
}

export type Flags = { values: Map<string, string[]>; booleans: Set<string> };

export function parseFlags(argv: string[], booleanFlags: readonly string[]): Flags {
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new UsageError(`Unexpected argument "${a}"`);
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
  }
  return { values, booleans };
}

export class Args {
  constructor(private flags: Flags, private allowed: readonly string[]) {
    for (const k of [...flags.values.keys(), ...flags.booleans]) {
      if (!allowed.includes(k) && k !== "json") throw new UsageError(`Unknown flag --${k}`);
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
  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.optional(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  }
}
