// The metric-set editor: the §10 document held as form state, checked live by the same zod schema the
// server and the CLI use, posted as one JSON field.
import { Form, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { metricSetDocumentIssues, type MetricDocument, type ValidMetricSetDocument } from "~/domain/metrics/document";
import { MetricFields, scalePoints } from "./metric-fields";

export type EditorProps = {
  initial: ValidMetricSetDocument;
  mode: "new" | "edit";
  readOnly: boolean;
  serverError: { error: string; field: string | null } | null;
};

const blankMetric = (n: number): MetricDocument => ({
  key: `Metric_${n}`,
  name_en: "",
  name_zh: "",
  dimension: "General",
  min: 1,
  max: 5,
  higher_is_better: true,
  definition_en: "",
  definition_zh: "",
  anchors: {},
});

/** What is saved: blank optional dimension names and anchors off the scale or empty are left out. */
export function documentFromForm(doc: ValidMetricSetDocument): ValidMetricSetDocument {
  return {
    ...doc,
    metrics: doc.metrics.map((m) => {
      const points = new Set(scalePoints(m).map(String));
      const { dimension_en, dimension_zh, ...rest } = m;
      return {
        ...rest,
        ...(dimension_en?.trim() ? { dimension_en } : {}),
        ...(dimension_zh?.trim() ? { dimension_zh } : {}),
        anchors: Object.fromEntries(Object.entries(m.anchors).filter(([p, a]) => points.has(p) && (a.en.trim() || a.zh.trim()))),
      };
    }),
  };
}

export function MetricSetEditor({ initial, mode, readOnly, serverError }: EditorProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const [doc, setDoc] = useState(initial);
  const [tried, setTried] = useState(false);
  const saved = useMemo(() => documentFromForm(doc), [doc]);
  const issues = useMemo(() => metricSetDocumentIssues(saved), [saved]);
  const shown = tried || serverError ? issues : [];
  const issue = (path: string) =>
    shown.find((i) => i.path === path)?.message ?? (serverError?.field === path ? serverError.error : undefined);
  const setMetric = (i: number, patch: Partial<MetricDocument>) =>
    setDoc((d) => ({ ...d, metrics: d.metrics.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
  const move = (i: number, delta: number) =>
    setDoc((d) => {
      const metrics = [...d.metrics];
      [metrics[i], metrics[i + delta]] = [metrics[i + delta], metrics[i]];
      return { ...d, metrics };
    });

  return (
    <Form
      method="post"
      className="space-y-4"
      onSubmit={(e) => {
        setTried(true);
        if (issues.length) e.preventDefault();
      }}
    >
      <input type="hidden" name="document" value={JSON.stringify(saved)} />
      <Card>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t("metricSets.setKey")} hint={t("metricSets.setKeyHint")} error={issue("key")}>
            <Input
              value={doc.key}
              name="key"
              readOnly={readOnly || mode === "edit"}
              onChange={(e) => setDoc({ ...doc, key: e.target.value })}
            />
          </Field>
          <Field label={t("metricSets.nameEn")} error={issue("name_en")}>
            <Input value={doc.name_en} name="name_en" readOnly={readOnly} onChange={(e) => setDoc({ ...doc, name_en: e.target.value })} />
          </Field>
          <Field label={t("metricSets.nameZh")} error={issue("name_zh")}>
            <Input value={doc.name_zh} name="name_zh" readOnly={readOnly} onChange={(e) => setDoc({ ...doc, name_zh: e.target.value })} />
          </Field>
        </div>
      </Card>
      <h2 className="font-semibold">{t("metricSets.metricsHeading")}</h2>
      {doc.metrics.map((m, i) => (
        <MetricFields
          key={i}
          metric={m}
          index={i}
          count={doc.metrics.length}
          readOnly={readOnly}
          issue={issue}
          onChange={(patch) => setMetric(i, patch)}
          onRemove={() => setDoc((d) => ({ ...d, metrics: d.metrics.filter((_, j) => j !== i) }))}
          onMove={(delta) => move(i, delta)}
        />
      ))}
      {!readOnly && (
        <div className="sticky bottom-0 space-y-2 border-t border-slate-200 bg-slate-50/95 py-3">
          {shown.length > 0 && (
            <Alert>
              <p>{t("metricSets.problems", { count: shown.length })}</p>
              <ul className="mt-1 list-disc pl-5 text-xs" data-testid="document-issues">
                {shown.slice(0, 8).map((i) => (
                  <li key={i.path + i.message}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {serverError && <Alert>{serverError.error}</Alert>}
          <div className="flex gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => setDoc((d) => ({ ...d, metrics: [...d.metrics, blankMetric(d.metrics.length + 1)] }))}
            >
              + {t("metricSets.addMetric")}
            </Button>
            <Button type="submit" disabled={busy} className="ml-auto" data-testid="save-metric-set">
              {mode === "new" ? t("metricSets.save") : t("metricSets.saveChanges")}
            </Button>
          </div>
        </div>
      )}
    </Form>
  );
}

/** A fresh document for the "new" page: a copy of a template under a new key, or one blank metric. */
export function newDocument(template: ValidMetricSetDocument | null): ValidMetricSetDocument {
  if (!template) return { key: "", name_en: "", name_zh: "", metrics: [blankMetric(1)] };
  return { ...template, key: `${template.key}-custom`.slice(0, 64) };
}
