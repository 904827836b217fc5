export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error("stdin is a terminal; pipe the value in");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
