// "Run a judge" (managers): the run's options, a dry-run preview, the runs with their progress (polled
// while one is live), cancel and resume. The key is only the NAME of a server environment variable.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { translate } from "~/lib/forms/message";
import { str } from "~/lib/form";
import { startJudgeRunInBackground } from "~/services/judge-runner/background.server";
import { checkRunInput, type JudgeRunInput } from "~/services/judge-runner/options.server";
import { previewJudgeRun, type JudgePreview } from "~/services/judge-runner/preview.server";
import { getRun, listRuns, requestCancel } from "~/services/judge-runner/runs.server";
import { judgeTemplateState, setJudgeTemplate } from "~/services/judge-runner/template.server";
import { listProjectMetrics } from "~/services/projects.server";
import { TEMPLATE_FIELDS } from "~/domain/judge/template";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const [runs, metrics, template] = await Promise.all([
    listRuns(db, project.id),
    listProjectMetrics(db, project.id),
    judgeTemplateState(db, project.id),
  ]);
  return {
    runs,
    metrics: metrics.map((m) => ({ key: m.key, nameEn: m.nameEn, nameZh: m.nameZh })),
    template: { version: template.current.version, own: template.own, text: template.current.text.zh },
  };
}

function inputOf(form: FormData): JudgeRunInput {
  const num = (k: string) => (str(form, k).trim() === "" ? null : Number(str(form, k)));
  return {
    judge: str(form, "judge"),
    endpoint: str(form, "endpoint"),
    model: str(form, "model"),
    apiKeyEnv: str(form, "apiKeyEnv") || null,
    concurrency: num("concurrency"),
    limit: num("limit"),
    metrics: form.getAll("metrics").map(String),
  };
}

type ActionResult = {
  preview?: JudgePreview;
  started?: number;
  templateSaved?: string;
  error?: { key: string; params?: Record<string, string | number> } | string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const form = await request.formData();
  const intent = str(form, "intent");
  try {
    if (intent === "preview")
      return { preview: await previewJudgeRun(db, project.id, checkRunInput(inputOf(form))) } satisfies ActionResult;
    if (intent === "template")
      return { templateSaved: await setJudgeTemplate(db, project.id, str(form, "template")) } satisfies ActionResult;
    if (intent === "template-reset") return { templateSaved: await setJudgeTemplate(db, project.id, null) } satisfies ActionResult;
    if (intent === "start") return { started: await startJudgeRunInBackground(db, project.id, inputOf(form), user) } satisfies ActionResult;
    const run = await getRun(db, project.id, Number(str(form, "run")) || 0);
    if (intent === "cancel") {
      await requestCancel(db, project.id, run.id);
      return {} satisfies ActionResult;
    }
    if (intent === "resume") {
      const o = run.options;
      const input = {
        judge: run.judge,
        endpoint: run.endpoint,
        model: run.model,
        apiKeyEnv: o.apiKeyEnv,
        concurrency: o.concurrency,
        limit: o.limit,
        metrics: o.metrics,
      };
      return { started: await startJudgeRunInBackground(db, project.id, input, user) } satisfies ActionResult;
    }
    return data({ error: "Unknown intent" } satisfies ActionResult, { status: 400 });
  } catch (e) {
    if (isAppError(e)) return data({ error: e.i18n ?? e.message } as ActionResult, { status: e.status });
    throw e;
  }
}

type Run = Awaited<ReturnType<typeof loader>>["runs"][number];

function RunRow({ run }: { run: Run }) {
  const { t } = useTranslation();
  const done = run.scored + run.failed;
  const rate = run.elapsedSeconds > 0 ? (done / run.elapsedSeconds).toFixed(1) : "0";
  const live = run.status === "running";
  return (
    <tr className="border-t border-slate-100 align-top" data-testid="judge-run">
      <td className="py-2 pr-3 font-medium">{run.judge}</td>
      <td className="py-2 pr-3">
        {run.cancelRequested && live ? t("judgeRuns.runs.cancelling") : t(`judgeRuns.runs.${run.status}` as "judgeRuns.runs.done")}
        {run.error && <div className="text-xs text-red-700">{run.error}</div>}
      </td>
      <td className="py-2 pr-3">
        <progress className="w-40" max={Math.max(run.requested, 1)} value={done} />
        <div className="text-xs text-slate-600">
          {t("judgeRuns.runs.counts", {
            done,
            requested: run.requested,
            scored: run.scored,
            failed: run.failed,
            skipped: run.skippedExisting,
          })}
        </div>
      </td>
      <td className="py-2 pr-3 text-sm">{t("judgeRuns.runs.perSecond", { rate })}</td>
      <td className="py-2 pr-3 text-sm tabular-nums">
        {run.promptTokens} / {run.completionTokens}
      </td>
      <td className="py-2 text-right">
        <Form method="post" className="inline-flex gap-2">
          <input type="hidden" name="run" value={run.id} />
          {live && (
            <Button type="submit" name="intent" value="cancel">
              {t("judgeRuns.form.cancel")}
            </Button>
          )}
          {(run.status === "interrupted" || run.status === "cancelled" || run.status === "failed") && (
            <Button type="submit" name="intent" value="resume">
              {t("judgeRuns.form.resume")}
            </Button>
          )}
        </Form>
        <a className="ml-2 text-sm text-brand-700 underline" href={`judge-replies?judge=${encodeURIComponent(run.judge)}`}>
          JSONL
        </a>
      </td>
    </tr>
  );
}

export default function RunJudge() {
  const { t, i18n } = useTranslation();
  const { runs, metrics, template } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();
  const anyLive = runs.some((r) => r.status === "running");
  useEffect(() => {
    if (!anyLive) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [anyLive, revalidator]);
  const error = result?.error ? (typeof result.error === "string" ? result.error : translate(t, result.error as never)) : null;
  const zh = i18n.language === "zh";
  return (
    <div className="space-y-5" data-testid="run-judge">
      <Card title={t("judgeRuns.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("judgeRuns.intro")}</p>
        <Form method="post" className="grid gap-3 md:grid-cols-2">
          <Field label={t("judgeRuns.form.judge")} hint={t("judgeRuns.form.judgeHint")}>
            <Input name="judge" required maxLength={100} defaultValue="llm-judge" />
          </Field>
          <Field label={t("judgeRuns.form.endpoint")} hint={t("judgeRuns.form.endpointHint")}>
            <Input name="endpoint" required placeholder="http://127.0.0.1:8000/v1" />
          </Field>
          <Field label={t("judgeRuns.form.model")}>
            <Input name="model" required placeholder="Qwen2.5-7B-Instruct" />
          </Field>
          <Field label={t("judgeRuns.form.apiKeyEnv")} hint={t("judgeRuns.form.apiKeyEnvHint")}>
            <Input name="apiKeyEnv" placeholder="OPENAI_API_KEY" autoComplete="off" />
          </Field>
          <Field label={t("judgeRuns.form.limit")} hint={t("judgeRuns.form.limitHint")}>
            <Input name="limit" type="number" min={1} />
          </Field>
          <Field label={t("judgeRuns.form.concurrency")}>
            <Input name="concurrency" type="number" min={1} max={256} defaultValue={8} />
          </Field>
          <fieldset className="md:col-span-2">
            <legend className="text-sm font-medium">{t("judgeRuns.form.metrics")}</legend>
            <p className="text-xs text-slate-500">{t("judgeRuns.form.metricsHint")}</p>
            <div className="mt-1 flex flex-wrap gap-3">
              {metrics.map((m) => (
                <label key={m.key} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="metrics" value={m.key} /> {zh ? m.nameZh : m.nameEn}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex gap-2 md:col-span-2">
            <Button type="submit" name="intent" value="preview" disabled={busy}>
              {t("judgeRuns.form.preview")}
            </Button>
            <Button type="submit" name="intent" value="start" disabled={busy}>
              {t("judgeRuns.form.start")}
            </Button>
          </div>
        </Form>
        <div className="mt-3 space-y-2">
          {error && <Alert>{error}</Alert>}
          {result?.started && <Alert tone="success">{t("judgeRuns.runs.started_ok")}</Alert>}
        </div>
      </Card>
      {result?.preview && <Preview preview={result.preview} />}
      <Card title={t("judgeRuns.template.title")}>
        <Form method="post" className="space-y-2" key={template.version}>
          <p className="text-xs text-slate-500">
            {template.own
              ? t("judgeRuns.template.own", { version: template.version })
              : t("judgeRuns.template.builtin", { version: template.version })}{" "}
            {t("judgeRuns.template.hint", { fields: TEMPLATE_FIELDS.join(", ") })}
          </p>
          <textarea
            name="template"
            defaultValue={template.text}
            rows={10}
            className="w-full rounded border border-slate-300 p-2 font-mono text-xs"
            aria-label={t("judgeRuns.template.title")}
          />
          <div className="flex gap-2">
            <Button type="submit" name="intent" value="template" disabled={busy}>
              {t("judgeRuns.template.save")}
            </Button>
            {template.own && (
              <Button type="submit" name="intent" value="template-reset" disabled={busy}>
                {t("judgeRuns.template.reset")}
              </Button>
            )}
          </div>
          {result?.templateSaved && <Alert tone="success">{t("judgeRuns.template.saved", { version: result.templateSaved })}</Alert>}
        </Form>
      </Card>
      <Card title={t("judgeRuns.runs.title")}>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-500">{t("judgeRuns.runs.none")}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th>{t("judgeRuns.runs.judge")}</th>
                <th>{t("judgeRuns.runs.status")}</th>
                <th>{t("judgeRuns.runs.progress")}</th>
                <th>{t("judgeRuns.runs.rate")}</th>
                <th>{t("judgeRuns.runs.tokens")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <RunRow key={r.id} run={r} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function Preview({ preview }: { preview: JudgePreview }) {
  const { t } = useTranslation();
  return (
    <Card title={t("judgeRuns.preview.title")}>
      <p className="text-sm text-slate-600">
        {t("judgeRuns.preview.requested", { requested: preview.requested, skipped: preview.skipped_existing })}{" "}
        {t("judgeRuns.preview.version", { version: preview.prompt_version })}
      </p>
      {preview.unit ? (
        <p className="text-sm">{t("judgeRuns.preview.unit", preview.unit)}</p>
      ) : (
        <p className="text-sm">{t("judgeRuns.preview.none")}</p>
      )}
      <div className="mt-2 grid gap-3 lg:grid-cols-2">
        {preview.prompts.map((p) => (
          <div key={p.language}>
            <h3 className="text-sm font-medium">{t(`judgeRuns.preview.${p.language}`)}</h3>
            <pre
              className="max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs"
              data-testid={`prompt-${p.language}`}
            >
              {p.request.messages.map((m) => m.content).join("\n")}
            </pre>
          </div>
        ))}
      </div>
    </Card>
  );
}
