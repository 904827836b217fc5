import type { Db } from "#db/client";
import type { Args } from "./args";
import type { CommandResult } from "./output";

export type Command = {
  flags: string[];
  booleans?: string[];
  run: (db: Db, a: Args) => Promise<CommandResult>;
  usage: string;
};
