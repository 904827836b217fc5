// Upload page for ratings made elsewhere and for judge scores (managers). Shows the counts, or every
// problem with its file, line and field (then nothing was written).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { ImportErrorList, type ImportProblem } from "~/components/reports/import-errors";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { ImportRejected } from "~/services/import.server";
import { importJudgeScores, type JudgeImportResult } from "~/services/judge-import.server";
import { importRatings, type RatingsImportResult } from "~/services/ratings-import.server";

type Result =
  | { intent: "ratings"; ok: RatingsImportResult }
  | { intent: "judge"; ok: JudgeImportResult }
  | { intent: string; problems: ImportProblem[]; truncated: boolean }
  | { intent: string; error: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireProject(request, params.slug!, "manage");
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  const intent = str(form, "intent");
  const file = form.get("file");
  const reply = (body: Result, status = 200) => data(body, { status });
  if (!(file instanceof Blob) || file.size === 0) return reply({ intent, error: "noFile" }, 400);
  const upload = { source: file.stream() as unknown as AsyncIterable<Uint8Array>, name: (file as File).name || "upload" };
  const db = await getDb();
  try {
    if (intent === "ratings") return reply({ intent, ok: await importRatings(db, project.id, upload) });
    if (intent === "judge") {
      const ok = await importJudgeScores(db, project.id, { judge: str(form, "judge"), model: str(form, "model") || undefined, ...upload });
      return reply({ intent, ok });
    }
    return reply({ intent, error: "Unknown intent" }, 400);
  } catch (e) {
    if (e instanceof ImportRejected) {
      const problems = e.errors.map((x) => ({ file: x.file, line: x.line ?? null, record: x.record ?? null, field: x.field ?? null, problem: x.problem }));
      return reply({ intent, problems, truncated: e.truncated }, 400);
    }
    if (isAppError(e)) return reply({ intent, error: e.message }, e.status);
    throw e;
  }
}

function Outcome({ result, intent }: { result: Result | undefined; intent: string }) {
  const { t } = useTranslation();
  if (!result || result.intent !== intent) return null;
  if ("ok" in result) {
    const r = result.ok;
    const text =
      "annotators_created" in r
        ? t("reports.import.ratingsDone", { inserted: r.inserted, unchanged: r.unchanged, annotators: r.annotators_created, units: r.units_created })
        : t("reports.import.judgeDone", { judge: r.judge, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged });
    return <Alert tone="success">{text}</Alert>;
  }
  if ("problems" in result) return <ImportErrorList problems={result.problems} truncated={result.truncated} />;
  return <Alert>{result.error === "noFile" ? t("reports.import.noFile") : result.error}</Alert>;
}

export default function ImportScores() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="grid gap-5 lg:grid-cols-2" data-testid="import-scores">
      <Card title={t("reports.import.ratingsTitle")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="ratings" />
          <p className="text-xs text-slate-500">{t("reports.import.ratingsHint")}</p>
          <Field label={t("reports.import.file")}>
            <Input type="file" name="file" accept=".csv,.jsonl,.json" required />
          </Field>
          <Button type="submit" disabled={busy}>{t("reports.import.submitRatings")}</Button>
        </Form>
        <div className="mt-3">
          <Outcome result={result} intent="ratings" />
        </div>
      </Card>
      <Card title={t("reports.import.judgeTitle")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="judge" />
          <p className="text-xs text-slate-500">{t("reports.import.judgeHint")}</p>
          <Field label={t("reports.import.judgeName")}>
            <Input name="judge" required maxLength={100} />
          </Field>
          <Field label={t("reports.import.model")} hint={t("reports.import.modelHint")}>
            <Input name="model" maxLength={100} />
          </Field>
          <Field label={t("reports.import.file")}>
            <Input type="file" name="file" accept=".csv,.jsonl,.json" required />
          </Field>
          <Button type="submit" disabled={busy}>{t("reports.import.submitJudge")}</Button>
        </Form>
        <div className="mt-3">
          <Outcome result={result} intent="judge" />
        </div>
      </Card>
    </div>
  );
}
