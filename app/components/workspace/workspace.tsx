import { useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceTask } from "~/domain/workspace/task";
import type { SubmitBody } from "~/lib/forms/schemas/submit";
import { HelpDialog, TextDialog } from "./dialogs";
import { GoldFeedbackPanel, type GoldFeedbackEntry } from "./gold-feedback";
import { postTaskAction, useActiveTime, useDraft, useHeartbeat } from "./hooks";
import { MetricControl } from "./metric-control";
import { ScoringLayout } from "./scoring-layout";
import { TaskButtons, WorkspaceFrame, type Notice } from "./task-chrome";
import { useWorkspaceKeys } from "./keys";

type Props = {
  project: { slug: string; name: string };
  task: WorkspaceTask;
  progress: { today: number; rated: number; ratingsLeft: number };
};
const LATE_FLAG = "rolecall:late-notice";

export function Workspace({ project, task, progress }: Props) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const submitNav = useSubmit();
  const { draft, setDraft, clear, ready } = useDraft(task.id);
  const { activeMs, lastInput } = useActiveTime();
  const [focus, setFocus] = useState(0);
  const [anchors, setAnchors] = useState(false);
  const [commentOpen, setCommentOpen] = useState<number | null>(null);
  const [dialog, setDialog] = useState<"skip" | "flag" | "help" | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [leaseLost, setLeaseLost] = useState(!task.open);
  const [feedback, setFeedback] = useState<GoldFeedbackEntry[] | null>(null);
  const busy = useRef(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const metrics = task.metrics;
  const complete = ready && metrics.every((m) => draft.scores[m.unit_id] !== undefined);

  useEffect(() => {
    if (sessionStorage.getItem(LATE_FLAG)) {
      sessionStorage.removeItem(LATE_FLAG);
      setNotice({ tone: "info", text: t("workspace.lateKept") });
    }
  }, [t]);
  useEffect(() => {
    if (commentOpen !== null) commentRef.current?.focus();
  }, [commentOpen]);
  useHeartbeat(
    task.id,
    lastInput,
    useCallback(() => setLeaseLost(true), []),
  );

  const next = () => submitNav(null, { method: "post", action: `/projects/${project.slug}/annotate` });
  const leaveFeedback = useRef(false);
  const afterFeedback = useCallback(() => {
    if (leaveFeedback.current) return; // the timer and a key press both end the panel: go on once
    leaveFeedback.current = true;
    submitNav(null, { method: "post", action: `/projects/${project.slug}/annotate` });
  }, [submitNav, project.slug]);
  const score = (i: number, n: number) => {
    const m = metrics[i];
    if (!m || n < m.min || n > m.max) return;
    setDraft((d) => ({ ...d, scores: { ...d.scores, [m.unit_id]: n } }));
    setNotice((x) => (x?.missing ? null : x)); // "which are missing" is stale once scoring goes on
    setFocus(Math.min(i + 1, metrics.length - 1));
  };

  const post = (path: "submit" | "skip" | "flag", body: unknown) => postTaskAction(task.id, path, body);

  async function submit() {
    if (busy.current) return;
    if (!ready) return;
    const missing = metrics.findIndex((m) => draft.scores[m.unit_id] === undefined);
    if (missing >= 0) {
      // say which metrics still need a score and go to the first of them
      const names = metrics.filter((m) => draft.scores[m.unit_id] === undefined).map((m) => (zh ? m.name_zh : m.name_en));
      setFocus(missing);
      setNotice({
        tone: "error",
        text: t("workspace.missing", { metrics: names.join(zh ? "、" : ", "), count: names.length }),
        missing: true,
      });
      return;
    }
    busy.current = true;
    setNotice({ tone: "info", text: t("workspace.saving") });
    try {
      // typed by the schema the API route parses it with
      const body: SubmitBody = {
        idempotency_key: draft.key,
        active_ms: activeMs(),
        ratings: metrics.map((m) => ({ unit_id: m.unit_id, score: draft.scores[m.unit_id], comment: draft.comments[m.unit_id] || null })),
      };
      const res = await post("submit", body);
      clear();
      if (res.late) sessionStorage.setItem(LATE_FLAG, "1");
      // a training project answers a gold task with its references: show them before the next task
      if (Array.isArray(res.feedback) && res.feedback.length > 0) {
        setNotice(null);
        setFeedback(res.feedback);
      } else next();
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
    enabled: dialog === null && feedback === null,
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
    <WorkspaceFrame
      taskId={task.id}
      ready={ready}
      projectName={project.name}
      progress={progress}
      model={task.model}
      leaseLost={leaseLost}
      notice={notice}
      onHelp={() => setDialog("help")}
    >
      <ScoringLayout
        character={task.character}
        novel={task.novel}
        profile={task.profile}
        turns={task.turns}
        response={task.response}
        itemKey={task.id}
        scoringWidth="22rem"
      >
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
          <TaskButtons
            label={t("workspace.submit", { done: scored, total: metrics.length })}
            complete={complete}
            onSubmit={submit}
            onSkip={() => setDialog("skip")}
            onFlag={() => setDialog("flag")}
            extra={
              <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={() => setAnchors((a) => !a)}>
                {t("workspace.anchors")} <kbd className="text-slate-400">A</kbd>
              </button>
            }
          />
        </div>
      </ScoringLayout>
      {(dialog === "skip" || dialog === "flag") && (
        <TextDialog kind={dialog} onSubmit={(text) => skipOrFlag(dialog, text)} onClose={() => setDialog(null)} />
      )}
      {dialog === "help" && <HelpDialog onClose={() => setDialog(null)} />}
      {feedback && (
        <GoldFeedbackPanel
          entries={feedback}
          metricName={(e) => {
            const m = metrics.find((x) => x.unit_id === e.unit_id);
            return m ? (zh ? m.name_zh : m.name_en) : e.metric;
          }}
          onNext={afterFeedback}
        />
      )}
    </WorkspaceFrame>
  );
}
