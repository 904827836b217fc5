// Test-only helper (node I/O): run python3 as the reference implementation. Never imported by the export
// modules themselves; the CharacterEval files are found by test/charactereval-fixture.ts.
import { execFileSync } from "node:child_process";

/** Runs `python3 -c script args…` with stdin = input; returns stdout. */
export function runPython(script: string, args: readonly string[] = [], input?: string): string {
  return execFileSync("python3", ["-c", script, ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONUTF8: "1" },
  });
}

/**
 * Feeds a JSON array to python3 on stdin as `data`, runs `body` (which must set `out`, a list), and
 * returns out parsed from ASCII-only JSON, so no console encoding can alter a character.
 */
export function pythonMap<T>(data: unknown, body: string): T {
  const script = `import json, sys\ndata = json.loads(sys.stdin.read())\n${body}\nsys.stdout.write(json.dumps(out))`;
  return JSON.parse(runPython(script, [], JSON.stringify(data))) as T;
}

// transform_format.py (morecry/CharacterEval) line by line, with the two departures generationTrans makes
// where the script would crash: skip null outputs, treat a dialogue missing from id2metric as no metrics.
export const TRANSFORM_FORMAT_PY = `
import json, copy, sys
with open(sys.argv[1], 'r', encoding='utf-8') as f:
    id_metric = json.load(f)
with open(sys.argv[2], 'r', encoding='utf-8') as f:
    datas = json.load(f)
results = []
for data in datas:
    if data['model_output'] is None:
        continue
    if data['model_output'] != "ERROR":
        model_output = data['model_output'].split("\\n")[0] # Prevent continuous generation
        data['model_output'] = model_output
        for x in id_metric.get(str(data['id']), []):
            data['metric_en']= x[0]
            data['metric_zh']= x[1]
            tmp = copy.deepcopy(data)
            results.append(tmp)
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    f.write(json.dumps(results, ensure_ascii=False, indent=4))
`;
