import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Card, Field, fileInputClass } from "~/components/ui";
import { checkCorpusImport } from "~/lib/forms/schemas/imports";
import { type Message, translate } from "~/lib/forms/message";
import { ImportResult, type ImportOutcome } from "./import-result";
import { modelFromFileName, uploadWithProgress } from "./upload";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; fraction: number; intent: string }
  | { kind: "working"; intent: string }
  | { kind: "done"; outcome: ImportOutcome; intent: string };

const fileInput = fileInputClass;

export function ImportForm({ action, limitMb }: { action: string; limitMb: number }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<"charactereval" | "generic">("charactereval");
  const [models, setModels] = useState<string[]>([""]);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [refusal, setRefusal] = useState<{ field: string; message: Message } | null>(null);
  const busy = phase.kind === "uploading" || phase.kind === "working";

  async function send(intent: "validate" | "import") {
    if (!form.current) return;
    const body = new FormData(form.current);
    // the route's own check, before any byte is sent (lib/forms/schemas/imports.ts)
    const chosen = (name: string) => {
      const f = body.get(name);
      return f instanceof File && f.size > 0 ? f : null;
    };
    const refused = checkCorpusImport(
      mode === "generic"
        ? { mode, g_dialogues: !!chosen("g_dialogues") }
        : {
            mode,
            dialogues: !!chosen("dialogues"),
            profiles: !!chosen("profiles"),
            responses: models.flatMap((model, i) =>
              chosen(`responses_${i}`) ? [{ index: i, file: chosen(`responses_${i}`)!.name, model }] : [],
            ),
          },
    );
    setRefusal(refused);
    if (refused) return;
    body.set("intent", intent);
    body.set("mode", mode);
    setPhase({ kind: "uploading", fraction: 0, intent });
    try {
      const res = await uploadWithProgress(action, body, (fraction) =>
        setPhase(fraction < 1 ? { kind: "uploading", fraction, intent } : { kind: "working", intent }),
      );
      setPhase({ kind: "done", outcome: res.json as ImportOutcome, intent });
    } catch (e) {
      setPhase({ kind: "done", outcome: { ok: false, error: String(e) }, intent });
    }
  }

  return (
    <Card title={t("imports.title")}>
      <div className="mb-4 flex gap-2 text-sm" role="tablist">
        {(["charactereval", "generic"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={`rounded px-3 py-1 ${mode === m ? "bg-brand-600 text-white" : "bg-slate-100"}`}
          >
            {t(`imports.mode.${m}`)}
          </button>
        ))}
      </div>
      <form ref={form} className="space-y-4" onSubmit={(e) => e.preventDefault()} encType="multipart/form-data">
        {mode === "charactereval" ? (
          <>
            <Field label={t("imports.ce.dialogues")}>
              <input type="file" name="dialogues" accept=".json,.jsonl" className={fileInput} />
            </Field>
            <Field label={t("imports.ce.profiles")}>
              <input type="file" name="profiles" accept=".json" className={fileInput} />
            </Field>
            <Field label={t("imports.ce.metrics")} hint={t("imports.ce.metricsHint")}>
              <input type="file" name="metrics" accept=".json,.jsonl" className={fileInput} />
            </Field>
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("imports.ce.responses")}</legend>
              {models.map((m, i) => (
                <div key={i} className="flex items-center gap-2">
                  <input
                    type="file"
                    name={`responses_${i}`}
                    accept=".json,.jsonl"
                    className={fileInput}
                    aria-label={t("imports.ce.responseFile", { n: i + 1 })}
                    onChange={(e) => {
                      const f = e.currentTarget.files?.[0];
                      if (f && !models[i]) setModels(models.map((x, j) => (j === i ? modelFromFileName(f.name) : x)));
                    }}
                  />
                  <input
                    name={`model_${i}`}
                    value={m}
                    onChange={(e) => setModels(models.map((x, j) => (j === i ? e.target.value : x)))}
                    placeholder={t("imports.ce.model")}
                    aria-label={t("imports.ce.modelName", { n: i + 1 })}
                    className="w-40 rounded border border-slate-300 px-2 py-1 text-sm"
                  />
                </div>
              ))}
              {models.length < 12 && (
                <button type="button" className="text-xs text-brand-600" onClick={() => setModels([...models, ""])}>
                  + {t("imports.ce.addModel")}
                </button>
              )}
            </fieldset>
          </>
        ) : (
          <>
            <p className="text-xs text-slate-500">{t("imports.generic.hint")}</p>
            <Field label={t("imports.generic.dialogues")}>
              <input type="file" name="g_dialogues" accept=".json,.jsonl,.csv" className={fileInput} />
            </Field>
            <Field label={t("imports.generic.profiles")}>
              <input type="file" name="g_profiles" accept=".json" className={fileInput} />
            </Field>
            <Field label={t("imports.generic.responses")}>
              <input type="file" name="g_responses" multiple accept=".json,.jsonl,.csv" className={fileInput} />
            </Field>
            <Field label={t("imports.generic.subsets")} hint={t("imports.ce.metricsHint")}>
              <input type="file" name="g_subsets" accept=".json,.jsonl,.csv" className={fileInput} />
            </Field>
          </>
        )}
        <p className="text-xs text-slate-500">{t("imports.limit", { mb: limitMb })}</p>
        {refusal && (
          <Alert>
            <span data-field={refusal.field}>{translate(t, refusal.message)}</span>
          </Alert>
        )}
        <div className="flex gap-2">
          <Button type="button" variant="secondary" disabled={busy} onClick={() => send("validate")}>
            {t("imports.validate")}
          </Button>
          <Button type="button" disabled={busy} onClick={() => send("import")}>
            {t("imports.import")}
          </Button>
        </div>
      </form>
      {phase.kind === "uploading" && <Progress label={t("imports.uploading")} fraction={phase.fraction} />}
      {phase.kind === "working" && (
        <Progress label={t(phase.intent === "import" ? "imports.writing" : "imports.checking")} fraction={null} />
      )}
      {phase.kind === "done" &&
        (phase.outcome.ok || phase.outcome.errors ? (
          <ImportResult outcome={phase.outcome} intent={phase.intent} />
        ) : (
          <div className="mt-4">
            <Alert>{translate(t, (phase.outcome as { message?: Message }).message) ?? phase.outcome.error ?? "?"}</Alert>
          </div>
        ))}
    </Card>
  );
}

function Progress({ label, fraction }: { label: string; fraction: number | null }) {
  return (
    <div
      className="mt-4"
      role="progressbar"
      aria-label={label}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="mb-1 text-xs text-slate-600">
        {label} {fraction !== null && `${Math.round(fraction * 100)}%`}
      </div>
      <div className="h-2 overflow-hidden rounded bg-slate-100">
        <div
          className={`h-full bg-brand-500 ${fraction === null ? "w-1/3 animate-pulse" : ""}`}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
    </div>
  );
}
