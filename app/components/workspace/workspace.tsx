import { useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DialogueView, ProfileCard, Utterance } from "~/components/dialogue";
import type { WorkspaceTask } from "~/services/queue/workspace.server";
import { HelpDialog, TextDialog } from "./dialogs";
import { useActiveTime, useDraft, useHeartbeat } from "./hooks";
import { MetricControl } from "./metric-control";
import { useWorkspaceKeys } from "./keys";

type Props = { project: { slug: string; name: string }; task: WorkspaceTask; progress: { today: number; rated: number; ratingsLeft: number } };
type Notice = { tone: "info" | "error" | "success"; text: string } | null;
const LATE_FLAG = "rolecall:late-notice";

export function Workspace({ project, task, progress }: Props) {
  const { t } = useTranslation();
  const submitNav = useSubmit();
  const { draft, setDraft, clear, ready } = useDraft(task.id);
  const { activeMs, lastInput } = useActiveTime();
  const [focus, setFocus] = useState(0);
  const [anchors, setAnchors] = useState(false);
  const [commentOpen, setCommentOpen] = useState<number | null>(null);
  const [dialog, setDialog] = useState<"skip" | "flag" | "help" | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [leaseLost, setLeaseLost] = useState(!task.open);
  const busy = useRef(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const dialogueEnd = useRef<HTMLDivElement>(null);
  const metrics = task.metrics;
  const complete = ready && metrics.every((m) => draft.scores[m.unit_id] !== undefined);

  useEffect(() => {
    dialogueEnd.current?.scrollIntoView({ block: "end" });
  }, [task.id]);
  useEffect(() => {
    if (sessionStorage.getItem(LATE_FLAG)) {
      sessionStorage.removeItem(LATE_FLAG);
      setNotice({ tone: "info", text: t("workspace.lateKept") });
    }
  }, [t]);
  useEffect(() => {
    if (commentOpen !== null) commentRef.current?.focus();
  }, [commentOpen]);
  useHeartbeat(task.id, lastInput, useCallback(() => setLeaseLost(true), []));

  const next = () => submitNav(null, { method: "post", action: `/projects/${project.slug}/annotate` });
  const score = (i: number, n: number) => {
    const m = metrics[i];
    if (!m || n < m.min || n > m.max) return;
    setDraft((d) => ({ ...d, scores: { ...d.scores, [m.unit_id]: n } }));
    setFocus(Math.min(i + 1, metrics.length - 1));
  };

  async function post(path: string, body: unknown) {
    const r = await fetch(`/api/tasks/${task.id}/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(json.error ?? r.statusText);
    return json;
  }

  async function submit() {
    if (!complete || busy.current) return;
    busy.current = true;
    setNotice({ tone: "info", text: t("workspace.saving") });
    try {
      const res = await post("submit", {
        idempotency_key: draft.key,
        active_ms: activeMs(),
        ratings: metrics.map((m) => ({ unit_id: m.unit_id, score: draft.scores[m.unit_id], comment: draft.comments[m.unit_id] || null })),
      });
      clear();
      if (res.late) sessionStorage.setItem(LATE_FLAG, "1");
      next();
    } catch (e) {
      busy.current = false;
      const offline = e instanceof TypeError;
      setNotice({ tone: "error", text: offline ? t("workspace.offline") : t("workspace.failed", { error: (e as Error).message }) });
    }
  }

  async function skipOrFlag(kind: "skip" | "flag", text: string) {
    setDialog(null);
    try {
      if (kind === "skip") {
        await post("skip", { reason: text });
        clear();
        next();
      } else {
        await post("flag", { note: text });
        setNotice({ tone: "success", text: t("workspace.flagged") });
      }
    } catch (e) {
      setNotice({ tone: "error", text: t("workspace.failed", { error: (e as Error).message }) });
    }
  }

  useWorkspaceKeys({
    enabled: dialog === null,
    onDigit: (n) => score(focus, n),
    onMove: (d) => setFocus((f) => Math.max(0, Math.min(metrics.length - 1, f + d))),
    onEnter: submit,
    onKey: (k) => {
      if (k === "s") setDialog("skip");
      else if (k === "f") setDialog("flag");
      else if (k === "?") setDialog("help");
      else if (k === "a") setAnchors((a) => !a);
      else if (k === "c") setCommentOpen(focus);
    },
    onEscape: () => (dialog ? setDialog(null) : setCommentOpen(null)),
  });

  const scored = metrics.filter((m) => draft.scores[m.unit_id] !== undefined).length;
  return (
    <div className="flex h-[calc(100vh-3rem)] flex-col bg-slate-50" data-testid="workspace">
      <div className="flex h-10 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 text-xs text-slate-600">
        <span className="font-semibold text-slate-900">{project.name}</span>
        <span data-testid="progress">{t("workspace.progressLine", { today: progress.today, left: progress.ratingsLeft })}</span>
        {task.model && <span className="rounded bg-slate-100 px-1.5">{task.model}</span>}
        {leaseLost && <span className="rounded bg-amber-100 px-1.5 text-amber-800">{t("workspace.leaseExpired")}</span>}
        {notice && (
          <span role="status" className={`rounded px-2 py-0.5 ${notice.tone === "error" ? "bg-red-100 text-red-800" : notice.tone === "success" ? "bg-green-100 text-green-800" : "bg-slate-100"}`}>
            {notice.text}
          </span>
        )}
        <button type="button" className="ml-auto rounded border border-slate-300 px-2 py-0.5" onClick={() => setDialog("help")}>
          ? {t("workspace.shortcutsTitle")}
        </button>
      </div>
      <div className="grid min-h-0 flex-1 grid-cols-[17rem_minmax(0,1fr)_22rem] gap-3 p-3">
        <aside className="min-h-0 overflow-y-auto">
          <ProfileCard name={task.character} novel={task.novel} entries={task.profile} />
        </aside>
        <main className="flex min-h-0 flex-col gap-3">
          <section className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-slate-200 bg-slate-100/60 p-3" aria-label={t("workspace.dialogue")}>
            <DialogueView turns={task.turns} compact />
            <div ref={dialogueEnd} />
          </section>
          <section className="shrink-0 rounded-lg border-2 border-brand-500 bg-white p-3" aria-label={t("workspace.response")} data-testid="response">
            <p className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-brand-700">{t("workspace.responseLabel", { character: task.character })}</p>
            <p className="text-base leading-relaxed">
              <Utterance text={task.response} />
            </p>
          </section>
        </main>
        <aside className="flex min-h-0 flex-col gap-2">
          <div className="min-h-0 flex-1 space-y-2 overflow-y-auto pr-1">
            {metrics.map((m, i) => (
              <MetricControl
                key={m.unit_id}
                ref={commentOpen === i ? commentRef : undefined}
                metric={m}
                index={i}
                focused={focus === i}
                score={draft.scores[m.unit_id]}
                comment={draft.comments[m.unit_id] ?? ""}
                showAnchors={anchors && focus === i}
                showComment={commentOpen === i}
                onScore={(n) => score(i, n)}
                onFocus={() => setFocus(i)}
                onComment={(text) => setDraft((d) => ({ ...d, comments: { ...d.comments, [m.unit_id]: text } }))}
              />
            ))}
          </div>
          <div className="shrink-0 space-y-1.5">
            <button
              type="button"
              onClick={submit}
              disabled={!complete}
              className="h-10 w-full rounded-md bg-brand-600 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-300"
              data-testid="submit"
            >
              {t("workspace.submit", { done: scored, total: metrics.length })} <kbd className="ml-1 text-xs opacity-75">Enter</kbd>
            </button>
            <div className="flex gap-1.5 text-xs">
              <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={() => setDialog("skip")}>
                {t("workspace.skip")} <kbd className="text-slate-400">S</kbd>
              </button>
              <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={() => setDialog("flag")}>
                {t("workspace.flag")} <kbd className="text-slate-400">F</kbd>
              </button>
              <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={() => setAnchors((a) => !a)}>
                {t("workspace.anchors")} <kbd className="text-slate-400">A</kbd>
              </button>
            </div>
          </div>
        </aside>
      </div>
      {(dialog === "skip" || dialog === "flag") && <TextDialog kind={dialog} onSubmit={(text) => skipOrFlag(dialog, text)} onClose={() => setDialog(null)} />}
      {dialog === "help" && <HelpDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
