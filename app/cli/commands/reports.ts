import type { Command } from "../registry";

/** CLI commands of the reports feature (registered in app/cli/main.ts). */
export const reportsCommands: Record<string, Command> = {};
