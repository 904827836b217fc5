import { getFormProps, useForm } from "@conform-to/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Card } from "~/components/ui";
import { goldLeftOutByDefault, KIND_FILTERS, PAGE_KINDS, type ExportKind } from "~/domain/export/options";
import type { Message } from "~/lib/forms/message";
import { parseForm } from "~/lib/forms/parse";
import { exportOptionsSchema } from "~/lib/forms/schemas/exports";
import { useMessageText } from "~/lib/forms/use-keyed-form";
import { DownloadError, downloadExport, formatBytes, type DownloadProgress } from "./download";
import { ExportFilters, type FilterState } from "./export-filters";

export type ExportFormProps = {
  slug: string;
  metrics: { key: string; nameEn: string; nameZh: string }[];
  models: string[];
  dialogues?: { id: string; role: string }[];
};

const initialFilters: FilterState = {
  format: "csv",
  metric: [],
  model: "",
  "min-ratings": "",
  "adjudicated-only": false,
  "exclude-gold": true,
  consensus: "mean",
  "split-by": "dialogue",
  split: "80/10/10",
  seed: "",
  "min-margin": "1",
  "per-annotator": false,
};

/** Only the filters the kind takes, and only those that differ from the default. */
export function exportQuery(kind: ExportKind, f: FilterState): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of KIND_FILTERS[kind]) {
    const v = f[name as keyof FilterState];
    if (Array.isArray(v)) v.forEach((x) => q.append(name, x));
    else if (name === "exclude-gold") v !== goldLeftOutByDefault(kind) && q.set(name, v ? "1" : "0");
    else if (typeof v === "boolean") v && q.set(name, "1");
    else if (v !== "" && v !== initialFilters[name as keyof FilterState]) q.set(name, v);
  }
  return q;
}

/** The form's fields as the filter state (the fields of other kinds are not in the form, and are not read). */
export function filtersFromForm(fd: FormData): FilterState {
  const s = (name: string) => String(fd.get(name) ?? "");
  return {
    format: s("format") === "jsonl" ? "jsonl" : "csv",
    metric: fd.getAll("metric").map(String),
    model: s("model"),
    "min-ratings": s("min-ratings"),
    "adjudicated-only": fd.has("adjudicated-only"),
    "exclude-gold": fd.has("exclude-gold"),
    consensus: s("consensus") === "median" ? "median" : "mean",
    "split-by": s("split-by") === "character" ? "character" : "dialogue",
    split: s("split"),
    seed: s("seed"),
    "min-margin": s("min-margin"),
    "per-annotator": fd.has("per-annotator"),
  };
}

/** What the schema checks: the download's query, plus Conform's own fields (its intent, e.g. "validate
 *  on blur", and its state): without them a validation would pass for a submit and the browser would
 *  send the form itself. */
function validationQuery(kind: ExportKind, fd: FormData): URLSearchParams {
  const q = exportQuery(kind, filtersFromForm(fd));
  for (const [name, v] of fd) if (/^__\w+__$/.test(name) && typeof v === "string") q.append(name, v);
  return q;
}

type Status =
  | { state: "idle" }
  | { state: "running"; progress: DownloadProgress }
  | { state: "done"; filename: string; records: number; bytes: number }
  | { state: "error"; message: string }
  | { state: "cancelled" };

export function ExportForm({ slug, metrics, models, dialogues }: ExportFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ExportKind>("charrm");
  const [filters, setFilters] = useState<FilterState>(initialFilters);
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);
  const query = exportQuery(kind, filters).toString();
  const url = `/projects/${slug}/export/${kind}${query ? `?${query}` : ""}`;
  const needsModel = kind === "generation-trans" && !filters.model;
  // The download's query is checked by the API's own schema before any request (on blur, then on input,
  // and on submit), so a bad value is refused beside its field in the page's language.
  const [form] = useForm<Record<string, string[]>, unknown, Message[]>({
    id: "export",
    onValidate: ({ formData }) => parseForm(validationQuery(kind, formData), exportOptionsSchema(kind)),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onSubmit: (e) => {
      e.preventDefault();
      void start();
    },
  });
  const text = useMessageText();

  const errorOf = (name: string) => text(form.allErrors[name]);

  async function start() {
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ state: "running", progress: { records: 0, total: null, bytes: 0 } });
    try {
      const r = await downloadExport(url, {
        kind,
        format: filters.format,
        signal: controller.signal,
        onProgress: (progress) => setStatus({ state: "running", progress }),
      });
      setStatus({ state: "done", ...r });
    } catch (err) {
      if (controller.signal.aborted) setStatus({ state: "cancelled" });
      else setStatus({ state: "error", message: err instanceof DownloadError ? err.message : String(err) });
    }
  }

  const running = status.state === "running";
  const formProps = getFormProps(form);
  return (
    <form
      {...formProps}
      // the download is a fetch: the browser never sends this form itself
      onSubmit={(e) => {
        formProps.onSubmit(e);
        e.preventDefault();
      }}
      className="grid gap-6 lg:grid-cols-3"
      data-testid="export-form"
    >
      <div className="self-start">
        <Card title={t("exports.kind")}>
          <fieldset className="space-y-3" disabled={running}>
            {PAGE_KINDS.map((k) => (
              <div key={k} className={`rounded-md border p-3 text-sm ${kind === k ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}>
                <label className="flex cursor-pointer items-center gap-2 font-medium">
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => {
                      setKind(k);
                      // each kind starts from its own gold default: training data leaves gold out
                      setFilters((f) => ({ ...f, "exclude-gold": goldLeftOutByDefault(k) }));
                      // the last download's "Saved …" was about the other kind
                      setStatus((st) => (st.state === "running" ? st : { state: "idle" }));
                    }}
                    aria-describedby={`export-kind-${k}`}
                  />
                  {t(`exports.kinds.${k}`)}
                </label>
                <p id={`export-kind-${k}`} className="mt-1 text-xs text-slate-600">
                  {t(`exports.kindHints.${k}`)}
                </p>
              </div>
            ))}
          </fieldset>
        </Card>
      </div>
      <div className="space-y-6 lg:col-span-2">
        <Card title={t("exports.filters")}>
          <fieldset disabled={running}>
            <ExportFilters
              kind={kind}
              filters={filters}
              onChange={setFilters}
              errorOf={errorOf}
              metrics={metrics}
              models={models}
              dialogues={dialogues}
            />
          </fieldset>
        </Card>
        <Card>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={running || needsModel} data-testid="export-download">
              {running ? t("exports.downloading") : t("exports.download")}
            </Button>
            {running && (
              <Button type="button" variant="secondary" onClick={() => abort.current?.abort()}>
                {t("exports.cancel")}
              </Button>
            )}
            {!needsModel && (
              <a href={url} className="text-xs text-brand-700 hover:underline" download>
                {t("exports.directLink")}
              </a>
            )}
            {kind === "pairs" && filters["per-annotator"] && (
              <a href={profileUrl(slug, query)} className="text-xs text-brand-700 hover:underline" download data-testid="export-profile">
                {t("exports.profileLink")}
              </a>
            )}
          </div>
          <ExportStatus status={status} />
          <p className="mt-4 text-xs text-slate-500">{t("exports.cli")}</p>
          <code className="mt-1 block overflow-x-auto rounded bg-slate-50 px-2 py-1 text-xs text-slate-700" data-testid="export-cli">
            {cliCommand(slug, kind, exportQuery(kind, filters))}
          </code>
        </Card>
      </div>
    </form>
  );
}

/** The per-annotator profile of the same pairs: the same query without per-annotator (implied). */
function profileUrl(slug: string, query: string) {
  const q = new URLSearchParams(query);
  q.delete("per-annotator");
  const rest = q.toString();
  return `/projects/${slug}/export/pairs-annotators${rest ? `?${rest}` : ""}`;
}

function cliCommand(slug: string, kind: ExportKind, q: URLSearchParams) {
  const ext = kind === "generation-trans" ? "json" : kind === "annotations" && q.get("format") !== "jsonl" ? "csv" : "jsonl";
  const flags = [...q.entries()].map(([k, v]) =>
    k === "exclude-gold"
      ? v === "1"
        ? `--exclude-gold`
        : `--include-gold`
      : k === "adjudicated-only" || k === "per-annotator"
        ? `--${k}`
        : `--${k} ${JSON.stringify(v)}`,
  );
  return ["npm run cli -- export", kind, "--project", slug, "--out", `${slug}-${kind}.${ext}`, ...flags].join(" ");
}

function ExportStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  if (status.state === "running") {
    const { records, total, bytes } = status.progress;
    const pct = total ? Math.min(100, Math.round((records / Math.max(total, 1)) * 100)) : null;
    return (
      <div className="mt-4 space-y-1" role="status" data-testid="export-progress">
        <div className="h-2 w-full overflow-hidden rounded bg-slate-100">
          <div
            className={`h-2 bg-brand-600 ${pct === null ? "w-1/3 animate-pulse" : ""}`}
            style={pct === null ? undefined : { width: `${pct}%` }}
          />
        </div>
        <p className="text-xs text-slate-600">
          {total === null
            ? t("exports.progressNoTotal", { records: records.toLocaleString(), size: formatBytes(bytes) })
            : t("exports.progress", { records: records.toLocaleString(), total: total.toLocaleString(), size: formatBytes(bytes) })}
        </p>
      </div>
    );
  }
  if (status.state === "idle") return null;
  return (
    <div className="mt-4" data-testid="export-result">
      {status.state === "done" && (
        <Alert tone="success">
          {t("exports.done", { filename: status.filename, records: status.records.toLocaleString(), size: formatBytes(status.bytes) })}
        </Alert>
      )}
      {status.state === "error" && <Alert>{t("exports.failed", { error: status.message })}</Alert>}
      {status.state === "cancelled" && <Alert tone="info">{t("exports.cancelled")}</Alert>}
    </div>
  );
}
