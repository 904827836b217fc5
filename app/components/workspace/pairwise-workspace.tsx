import { useSubmit } from "@remix-run/react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceMetric, WorkspaceTask } from "~/domain/workspace/task";
import type { SubmitBody } from "~/lib/forms/schemas/submit";
import { HelpDialog, TextDialog } from "./dialogs";
import { postTaskAction, useActiveTime, useDraft, useHeartbeat } from "./hooks";
import { useWorkspaceKeys } from "./keys";
import { ScoringLayout } from "./scoring-layout";
import { TaskButtons, WorkspaceFrame, type Notice } from "./task-chrome";

type Props = {
  project: { slug: string; name: string };
  task: WorkspaceTask & { pair: NonNullable<WorkspaceTask["pair"]> };
  progress: { today: number; rated: number; ratingsLeft: number };
};
type Choice = "a" | "tie" | "b";
const CHOICES: Choice[] = ["a", "tie", "b"];
// the draft keeps a choice as its key's number (1 = A, 2 = tie, 3 = B), like a score
const codeOf = (c: Choice) => CHOICES.indexOf(c) + 1;
const choiceOf = (n: number | undefined): Choice | undefined => (n ? CHOICES[n - 1] : undefined);
const ARROW: Record<string, Choice> = { ArrowLeft: "a", ArrowDown: "tie", ArrowRight: "b" };

/** A comparison (product.md §11): the dialogue, replies A and B side by side, and per metric a choice
 *  of A, tie or B by 1 2 3 or ← ↓ →; the focus moves on after each choice, Enter submits. */
export function PairwiseWorkspace({ project, task, progress }: Props) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const submitNav = useSubmit();
  const { draft, setDraft, clear, ready } = useDraft(task.id);
  const { activeMs, lastInput } = useActiveTime();
  const [focus, setFocus] = useState(0);
  const [dialog, setDialog] = useState<"skip" | "flag" | "help" | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [leaseLost, setLeaseLost] = useState(!task.open);
  const [busy, setBusy] = useState(false);
  const metrics = task.metrics;
  const chosen = metrics.filter((m) => draft.scores[m.unit_id] !== undefined).length;
  useHeartbeat(
    task.id,
    lastInput,
    useCallback(() => setLeaseLost(true), []),
  );
  const next = () => submitNav(null, { method: "post", action: `/projects/${project.slug}/annotate` });
  const nameOf = (m: WorkspaceMetric) => (zh ? m.name_zh : m.name_en);

  const choose = (i: number, c: Choice) => {
    const m = metrics[i];
    if (!m) return;
    setDraft((d) => ({ ...d, scores: { ...d.scores, [m.unit_id]: codeOf(c) } }));
    setNotice(null);
    setFocus(Math.min(i + 1, metrics.length - 1));
  };

  async function submit() {
    if (busy || !ready) return;
    const missing = metrics.filter((m) => draft.scores[m.unit_id] === undefined);
    if (missing.length) {
      setFocus(metrics.indexOf(missing[0]));
      const names = missing.map(nameOf).join(zh ? "、" : ", ");
      setNotice({ tone: "error", text: t("pairwise.missing", { metrics: names, count: missing.length }) });
      return;
    }
    setBusy(true);
    setNotice({ tone: "info", text: t("workspace.saving") });
    try {
      const body: SubmitBody = {
        idempotency_key: draft.key,
        active_ms: activeMs(),
        preferences: metrics.map((m) => ({ unit_id: m.unit_id, choice: choiceOf(draft.scores[m.unit_id])! })),
      };
      const res = await postTaskAction(task.id, "submit", body);
      clear();
      if (res.late) setNotice({ tone: "info", text: t("workspace.lateKept") });
      next();
    } catch (e) {
      setBusy(false);
      setNotice({
        tone: "error",
        text: e instanceof TypeError ? t("workspace.offline") : t("workspace.failed", { error: (e as Error).message }),
      });
    }
  }

  async function skipOrFlag(kind: "skip" | "flag", text: string) {
    setDialog(null);
    try {
      await postTaskAction(task.id, kind, kind === "skip" ? { reason: text } : { note: text });
      if (kind === "skip") {
        clear();
        next();
      } else setNotice({ tone: "success", text: t("workspace.flagged") });
    } catch (e) {
      setNotice({ tone: "error", text: t("workspace.failed", { error: (e as Error).message }) });
    }
  }

  useWorkspaceKeys({
    enabled: dialog === null,
    onDigit: (n) => n >= 1 && n <= 3 && choose(focus, CHOICES[n - 1]),
    onMove: (d) => setFocus((f) => Math.max(0, Math.min(metrics.length - 1, f + d))),
    onArrow: (key) => {
      if (key === "ArrowUp") setFocus((f) => Math.max(0, f - 1));
      else choose(focus, ARROW[key]);
      return true;
    },
    onEnter: submit,
    onKey: (k) => {
      if (k === "s") setDialog("skip");
      else if (k === "f") setDialog("flag");
      else if (k === "?") setDialog("help");
    },
    onEscape: () => setDialog(null),
  });

  const complete = ready && chosen === metrics.length;
  return (
    <WorkspaceFrame
      taskId={task.id}
      ready={ready}
      projectName={project.name}
      progress={progress}
      model={null}
      leaseLost={leaseLost}
      notice={notice}
      onHelp={() => setDialog("help")}
    >
      <ScoringLayout {...task} pair={task.pair} itemKey={task.id} scoringWidth="22rem">
        <p className="text-sm font-semibold">{t("pairwise.question")}</p>
        <div className="min-h-0 flex-1 space-y-2 overflow-y-auto pr-1">
          {metrics.map((m, i) => (
            <ChoiceRow
              key={m.unit_id}
              metric={m}
              name={nameOf(m)}
              definition={zh ? m.definition_zh : m.definition_en}
              index={i}
              focused={focus === i}
              choice={choiceOf(draft.scores[m.unit_id])}
              onChoose={(c) => choose(i, c)}
              onFocus={() => setFocus(i)}
            />
          ))}
        </div>
        <div className="shrink-0 space-y-1.5">
          <p className="text-[11px] text-slate-500">{t("pairwise.keysHint")}</p>
          <TaskButtons
            label={t("pairwise.submit", { done: chosen, total: metrics.length })}
            complete={complete}
            onSubmit={submit}
            onSkip={() => setDialog("skip")}
            onFlag={() => setDialog("flag")}
          />
        </div>
      </ScoringLayout>
      {(dialog === "skip" || dialog === "flag") && (
        <TextDialog kind={dialog} onSubmit={(text) => skipOrFlag(dialog, text)} onClose={() => setDialog(null)} />
      )}
      {dialog === "help" && <HelpDialog pairwise onClose={() => setDialog(null)} />}
    </WorkspaceFrame>
  );
}

type RowProps = {
  metric: WorkspaceMetric;
  name: string;
  definition: string;
  index: number;
  focused: boolean;
  choice: Choice | undefined;
  onChoose: (c: Choice) => void;
  onFocus: () => void;
};

/** One metric of a comparison: A / tie / B as a radio group. */
function ChoiceRow(p: RowProps) {
  const { t } = useTranslation();
  const tone = { a: "border-sky-600 bg-sky-600", tie: "border-slate-600 bg-slate-600", b: "border-amber-600 bg-amber-600" };
  return (
    <section
      className={`rounded-lg border p-2.5 ${p.focused ? "border-brand-500 bg-white shadow-sm ring-2 ring-brand-100" : "border-slate-200 bg-white/70"}`}
      onClick={p.onFocus}
      data-testid={`metric-${p.metric.key}`}
      aria-current={p.focused}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          <span className="mr-1 text-xs text-slate-400">{p.index + 1}.</span>
          {p.name}
        </h3>
        {p.choice && <span className="text-xs text-green-700">✓ {t(`pairwise.chosen.${p.choice}`)}</span>}
      </header>
      <p className="mt-1 line-clamp-2 text-xs text-slate-600" title={p.definition}>
        {p.definition}
      </p>
      <div className="mt-2 grid grid-cols-3 gap-1" role="radiogroup" aria-label={p.name}>
        {CHOICES.map((c, i) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={p.choice === c}
            onClick={(e) => {
              e.stopPropagation();
              p.onChoose(c);
            }}
            className={`h-9 rounded-md border text-sm font-semibold ${p.choice === c ? `${tone[c]} text-white` : "border-slate-300 bg-white hover:border-brand-500"}`}
          >
            <kbd className="mr-1 text-[10px] font-normal opacity-70">{i + 1}</kbd>
            {t(`pairwise.choice.${c}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
