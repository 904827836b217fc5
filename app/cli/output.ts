/** Every command returns a JSON-able result and a human summary; --json prints exactly the JSON. */
export type CommandResult = { json: unknown; text: string };

export function emit(result: CommandResult, asJson: boolean) {
  process.stdout.write(asJson ? JSON.stringify(result.json) + "\n" : result.text + "\n");
}
