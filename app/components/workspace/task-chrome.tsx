import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type Notice = { tone: "info" | "error" | "success"; text: string; missing?: boolean } | null;

/** The line above a task: project, progress, what the model is (when shown), lease and notices, help. */
/** The workspace's outer frame and top bar. `data-ready` appears once the draft is read, which is after
 *  the keyboard is listening: after a submit the address changes before the next task is drawn, and
 *  scripts (and tests) press keys only once the task in the address is the one shown. */
export function WorkspaceFrame({
  taskId,
  ready,
  children,
  ...bar
}: Parameters<typeof TaskTopBar>[0] & { taskId: number; ready: boolean; children: ReactNode }) {
  return (
    <div
      className="flex h-[calc(100vh-3rem)] flex-col bg-slate-50"
      data-testid="workspace"
      data-task={taskId}
      data-ready={ready ? "" : undefined}
    >
      <TaskTopBar {...bar} />
      {children}
    </div>
  );
}

export function TaskTopBar(p: {
  projectName: string;
  progress: { today: number; ratingsLeft: number };
  model?: string | null;
  leaseLost: boolean;
  notice: Notice;
  onHelp: () => void;
}) {
  const { t } = useTranslation();
  const { notice } = p;
  return (
    <div className="flex h-10 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 text-xs text-slate-600">
      <span className="font-semibold text-slate-900">{p.projectName}</span>
      <span data-testid="progress">{t("workspace.progressLine", { today: p.progress.today, left: p.progress.ratingsLeft })}</span>
      {p.model && <span className="rounded bg-slate-100 px-1.5">{p.model}</span>}
      {p.leaseLost && <span className="rounded bg-amber-100 px-1.5 text-amber-800">{t("workspace.leaseExpired")}</span>}
      {notice && (
        <span
          role="status"
          className={`rounded px-2 py-0.5 ${notice.tone === "error" ? "bg-red-100 text-red-800" : notice.tone === "success" ? "bg-green-100 text-green-800" : "bg-slate-100"}`}
        >
          {notice.text}
        </span>
      )}
      <button type="button" className="ml-auto rounded border border-slate-300 px-2 py-0.5" onClick={p.onHelp}>
        ? {t("workspace.shortcutsTitle")}
      </button>
    </div>
  );
}

/** Submit (Enter), then Skip (S), Flag (F) and any further small buttons of the scoring column. */
export function TaskButtons(p: {
  label: string;
  complete: boolean;
  onSubmit: () => void;
  onSkip: () => void;
  onFlag: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button
        type="button"
        onClick={p.onSubmit}
        aria-disabled={!p.complete}
        className={`h-10 w-full rounded-md text-sm font-semibold text-white ${p.complete ? "bg-brand-600 hover:bg-brand-700" : "bg-slate-500"}`}
        data-testid="submit"
      >
        {p.label} <kbd className="ml-1 text-xs opacity-75">Enter</kbd>
      </button>
      <div className="flex gap-1.5 text-xs">
        <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={p.onSkip}>
          {t("workspace.skip")} <kbd className="text-slate-400">S</kbd>
        </button>
        <button type="button" className="flex-1 rounded border border-slate-300 bg-white py-1" onClick={p.onFlag}>
          {t("workspace.flag")} <kbd className="text-slate-400">F</kbd>
        </button>
        {p.extra}
      </div>
    </>
  );
}
