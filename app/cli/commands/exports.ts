import type { Command } from "../registry";

/** CLI commands of the exports feature (registered in app/cli/main.ts). */
export const exportsCommands: Record<string, Command> = {};
