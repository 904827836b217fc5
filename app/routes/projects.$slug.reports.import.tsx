// Upload page for ratings made elsewhere and for judge scores (managers). Shows the counts, or every
// problem with its file, line and field (then nothing was written).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { ImportErrorList, type ImportProblem } from "~/components/reports/import-errors";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { judgedModelFromFileName } from "~/domain/import/file-names";
import { NO_MODEL } from "~/domain/import";
import { invalid } from "~/lib/errors";
import { formAction } from "~/lib/forms/action.server";
import { isFormReply } from "~/lib/forms/parse";
import { scoresImportSchema } from "~/lib/forms/schemas/imports";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
import { ImportRejected } from "~/services/import.server";
import { importJudgeScores, type JudgeImportResult } from "~/services/judge-import.server";
import { importRatings, type RatingsImportResult } from "~/services/ratings-import.server";

type Result =
  | { intent: "ratings"; ok: RatingsImportResult }
  | { intent: "judge"; ok: JudgeImportResult }
  | { intent: string; problems: ImportProblem[]; truncated: boolean };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireProject(request, params.slug!, "manage");
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  return formAction(await request.formData(), scoresImportSchema, async (v) => {
    const upload = { source: v.file.stream() as unknown as AsyncIterable<Uint8Array>, name: v.file.name || "upload" };
    try {
      if (v.intent === "ratings")
        return data<Result>({ intent: v.intent, ok: await importRatings(db, project.id, upload, { actorId: user.id }) });
      // as the Import page does: gpt4_evaluation.jsonl is the model gpt4's (issue 18, item 12)
      const model = v.model || judgedModelFromFileName(upload.name) || undefined;
      return data<Result>({
        intent: v.intent,
        ok: await importJudgeScores(db, project.id, { judge: v.judge, model, ...upload, actorId: user.id }),
      });
    } catch (e) {
      if (!(e instanceof ImportRejected)) throw e;
      // the domain's message names the CLI's flag; here the form asks for the model beside its field
      if (e.errors.some((x) => x.i18n.key === NO_MODEL)) throw invalid("errors.judgeModelMissing", undefined, "model");
      const problems = e.errors.map((x) => ({
        file: x.file,
        line: x.line ?? null,
        record: x.record ?? null,
        field: x.field ?? null,
        problem: x.problem,
        i18n: x.i18n,
      }));
      return data<Result>({ intent: v.intent, problems, truncated: e.truncated }, { status: 400 });
    }
  });
}

function Outcome({ result, intent }: { result: Result | undefined; intent: string }) {
  const { t } = useTranslation();
  if (!result || result.intent !== intent) return null;
  if ("ok" in result) {
    const r = result.ok;
    const text =
      "annotators_created" in r
        ? t("reports.import.ratingsDone", {
            inserted: r.inserted,
            unchanged: r.unchanged,
            annotators: r.annotators_created,
            units: r.units_created,
          })
        : t("reports.import.judgeDone", { judge: r.judge, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged });
    return <Alert tone="success">{text}</Alert>;
  }
  return <ImportErrorList problems={result.problems} truncated={result.truncated} />;
}

export default function ImportScores() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const result = isFormReply(actionData) ? undefined : (actionData as Result | undefined);
  const refusedIntent = isFormReply(actionData) ? actionData.initialValue?.intent : null;
  const [ratingsForm, ratingsFields] = useKeyedForm(scoresImportSchema, refusedIntent === "ratings" ? actionData : null, { id: "ratings" });
  const [judgeForm, judgeFields] = useKeyedForm(scoresImportSchema, refusedIntent === "judge" ? actionData : null, { id: "judge" });
  const text = useMessageText();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="grid gap-5 lg:grid-cols-2" data-testid="import-scores">
      <Card title={t("reports.import.ratingsTitle")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(ratingsForm)}>
          <input type="hidden" name="intent" value="ratings" />
          <p className="text-xs text-slate-500">{t("reports.import.ratingsHint")}</p>
          <Field label={t("reports.import.file")} error={text(ratingsFields.file.errors)}>
            <Input type="file" name={ratingsFields.file.name} accept=".csv,.jsonl,.json" required />
          </Field>
          {ratingsForm.errors && <Alert>{text(ratingsForm.errors)}</Alert>}
          <Button type="submit" disabled={busy}>
            {t("reports.import.submitRatings")}
          </Button>
        </Form>
        <div className="mt-3">
          <Outcome result={result} intent="ratings" />
        </div>
      </Card>
      <Card title={t("reports.import.judgeTitle")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(judgeForm)}>
          <input type="hidden" name="intent" value="judge" />
          <p className="text-xs text-slate-500">{t("reports.import.judgeHint")}</p>
          <Field label={t("reports.import.judgeName")} error={text(judgeFields.judge.errors)}>
            <Input {...getInputProps(judgeFields.judge, { type: "text" })} required maxLength={100} />
          </Field>
          <Field label={t("reports.import.model")} hint={t("reports.import.modelHint")} error={text(judgeFields.model.errors)}>
            <Input {...getInputProps(judgeFields.model, { type: "text" })} maxLength={100} />
          </Field>
          <Field label={t("reports.import.file")} error={text(judgeFields.file.errors)}>
            <Input type="file" name={judgeFields.file.name} accept=".csv,.jsonl,.json" required />
          </Field>
          {judgeForm.errors && <Alert>{text(judgeForm.errors)}</Alert>}
          <Button type="submit" disabled={busy}>
            {t("reports.import.submitJudge")}
          </Button>
        </Form>
        <div className="mt-3">
          <Outcome result={result} intent="judge" />
        </div>
      </Card>
    </div>
  );
}
