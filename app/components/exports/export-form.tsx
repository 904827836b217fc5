import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Card } from "~/components/ui";
import { EXPORT_KINDS, KIND_FILTERS, type ExportKind } from "~/services/exports/options";
import { DownloadError, downloadExport, formatBytes, type DownloadProgress } from "./download";
import { ExportFilters, type FilterState } from "./export-filters";

export type ExportFormProps = {
  slug: string;
  metrics: { key: string; nameEn: string; nameZh: string }[];
  models: string[];
};

const initialFilters: FilterState = {
  format: "csv",
  metric: [],
  model: "",
  "min-ratings": "",
  "adjudicated-only": false,
  "exclude-gold": false,
  consensus: "mean",
  "split-by": "dialogue",
  seed: "",
  "min-margin": "1",
};

/** Only the filters the kind takes, and only those that differ from the default. */
export function exportQuery(kind: ExportKind, f: FilterState): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of KIND_FILTERS[kind]) {
    const v = f[name as keyof FilterState];
    if (Array.isArray(v)) v.forEach((x) => q.append(name, x));
    else if (typeof v === "boolean") v && q.set(name, "1");
    else if (v !== "" && v !== initialFilters[name as keyof FilterState]) q.set(name, v);
  }
  return q;
}

type Status =
  | { state: "idle" }
  | { state: "running"; progress: DownloadProgress }
  | { state: "done"; filename: string; records: number; bytes: number }
  | { state: "error"; message: string }
  | { state: "cancelled" };

export function ExportForm({ slug, metrics, models }: ExportFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ExportKind>("charrm");
  const [filters, setFilters] = useState<FilterState>(initialFilters);
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);
  const query = exportQuery(kind, filters).toString();
  const url = `/projects/${slug}/export/${kind}${query ? `?${query}` : ""}`;
  const needsModel = kind === "generation-trans" && !filters.model;

  async function start(e: React.FormEvent) {
    e.preventDefault();
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
  return (
    <form onSubmit={start} className="grid gap-6 lg:grid-cols-3" data-testid="export-form">
      <div className="self-start">
      <Card title={t("exports.kind")}>
        <fieldset className="space-y-3" disabled={running}>
          {EXPORT_KINDS.map((k) => (
            <div key={k} className={`rounded-md border p-3 text-sm ${kind === k ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}>
              <label className="flex cursor-pointer items-center gap-2 font-medium">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} aria-describedby={`export-kind-${k}`} />
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
            <ExportFilters kind={kind} filters={filters} onChange={setFilters} metrics={metrics} models={models} />
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

function cliCommand(slug: string, kind: ExportKind, q: URLSearchParams) {
  const ext = kind === "generation-trans" ? "json" : kind === "annotations" && q.get("format") !== "jsonl" ? "csv" : "jsonl";
  const flags = [...q.entries()].map(([k, v]) => (v === "1" && (k === "adjudicated-only" || k === "exclude-gold") ? `--${k}` : `--${k} ${JSON.stringify(v)}`));
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
          <div className={`h-2 bg-brand-600 ${pct === null ? "w-1/3 animate-pulse" : ""}`} style={pct === null ? undefined : { width: `${pct}%` }} />
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
        <Alert tone="success">{t("exports.done", { filename: status.filename, records: status.records.toLocaleString(), size: formatBytes(status.bytes) })}</Alert>
      )}
      {status.state === "error" && <Alert>{t("exports.failed", { error: status.message })}</Alert>}
      {status.state === "cancelled" && <Alert tone="info">{t("exports.cancelled")}</Alert>}
    </div>
  );
}
