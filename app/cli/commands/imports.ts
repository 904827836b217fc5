import type { Command } from "../registry";

/** CLI commands of the imports feature (registered in app/cli/main.ts). */
export const importsCommands: Record<string, Command> = {};
