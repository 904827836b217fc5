// Database functions as source files: db/functions/*.sql, one `create or replace function` each, is
// the one place where a function is read and changed. Versioned migrations keep tables, signature
// changes and drops; after them, each file whose expanded text changed since it was last applied (its
// sha256 is kept in rolecall_function_sources) is applied again, in name order. docs/decisions/011.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { functionParams } from "./params";

export const functionsFolder = import.meta.dirname;

export type FunctionSource = { name: string; text: string; sha256: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\(([^()]*)\))?\s*\}\}/g;

/** A file's text with its placeholders filled in: values from params.ts, fragments from _name.sql. */
export function expandSource(text: string, folder = functionsFolder, depth = 0): string {
  if (depth > 4) throw new Error("db/functions: fragments nested too deeply");
  return text.replace(PLACEHOLDER, (_all, name: string, arg: string | undefined) => {
    if (arg === undefined) {
      const value = functionParams[name];
      if (value === undefined) throw new Error(`db/functions: unknown placeholder {{${name}}}`);
      return value;
    }
    const file = path.join(folder, `_${name}.sql`);
    if (!fs.existsSync(file)) throw new Error(`db/functions: no fragment _${name}.sql for {{${name}(…)}}`);
    const fragment = fs
      .readFileSync(file, "utf8")
      .replace(/^--.*\n/gm, "")
      .trim();
    return expandSource(fragment.replaceAll("{{arg}}", arg.trim()), folder, depth + 1);
  });
}

/** The function sources in the order they are applied (fragments, named _*.sql, are not applied). */
export function readFunctionSources(folder = functionsFolder): FunctionSource[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".sql") && !f.startsWith("_"))
    .sort()
    .map((f) => {
      const text = expandSource(fs.readFileSync(path.join(folder, f), "utf8"), folder);
      return { name: f.replace(/\.sql$/, ""), text, sha256: crypto.createHash("sha256").update(text).digest("hex") };
    });
}
