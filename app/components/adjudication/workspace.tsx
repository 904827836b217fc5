import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdjudicationItem } from "~/domain/adjudication/item";
import { useAdjudicationKeys } from "./keys";
import { ScoringLayout } from "~/components/workspace/scoring-layout";
import { UnitCard } from "./unit-card";

type Props = { project: { slug: string; name: string }; item: AdjudicationItem; open: number };
type Answer = { error?: string | null };

/** The adjudicator's screen: the annotator's layout (profile, dialogue, the scored text), and beside it
 *  the response's disputed units with every rating; digits set final scores, Enter confirms them all. */
export function AdjudicationWorkspace({ project, item, open }: Props) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const answer = useActionData<Answer>();
  const busy = useNavigation().state !== "idle";
  const [focus, setFocus] = useState(0);
  const [scores, setScores] = useState<Record<number, number>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [noteOpen, setNoteOpen] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const units = item.units;
  const complete = units.length > 0 && units.every((u) => scores[u.unit_id] !== undefined);

  useEffect(() => {
    if (noteOpen !== null) noteRef.current?.focus();
  }, [noteOpen]);

  const score = (i: number, n: number) => {
    const u = units[i];
    if (!u || n < u.min || n > u.max) return;
    setScores((s) => ({ ...s, [u.unit_id]: n }));
    setFocus(Math.min(i + 1, units.length - 1));
  };
  const confirm = () => {
    if (!complete || busy) return;
    const body = units.map((u) => ({ unit_id: u.unit_id, score: scores[u.unit_id], note: notes[u.unit_id] ?? "" }));
    submit({ intent: "resolve", scores: JSON.stringify(body) }, { method: "post" });
  };

  // gives the leases back (nothing is settled) and returns to the queue's start, not to the next response,
  // which would be this one again
  const leave = () => {
    if (!busy) submit({ intent: "release" }, { method: "post" });
  };

  useAdjudicationKeys({
    onDigit: (n) => score(focus, n),
    onMove: (d) => setFocus((f) => Math.max(0, Math.min(units.length - 1, f + d))),
    onEnter: confirm,
    onNote: () => setNoteOpen(focus),
    onLeave: leave,
    onHelp: () => setHelp((h) => !h),
    onEscape: () => (help ? setHelp(false) : setNoteOpen(null)),
  });

  const done = units.filter((u) => scores[u.unit_id] !== undefined).length;
  const error = answer?.error;
  return (
    <div className="flex h-[calc(100vh-3rem)] flex-col bg-slate-50" data-testid="adjudication-workspace">
      <div className="flex h-10 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 text-xs text-slate-600">
        <span className="font-semibold text-slate-900">
          {project.name} · {t("adjudication.title")}
        </span>
        <span data-testid="open-count">{t("adjudication.openCount", { count: open })}</span>
        <span>{item.dialogueId}</span>
        {item.model && <span className="rounded bg-slate-100 px-1.5">{item.model}</span>}
        {busy && <span role="status">{t("adjudication.saving")}</span>}
        {error && (
          <span role="alert" className="rounded bg-red-100 px-2 py-0.5 text-red-800">
            {t("adjudication.failed", { error })}
          </span>
        )}
        <button
          type="button"
          className="ml-auto rounded border border-slate-300 px-2 py-0.5"
          onClick={() => setHelp((h) => !h)}
          aria-expanded={help}
        >
          ? {t("adjudication.shortcutsTitle")}
        </button>
      </div>
      {help && (
        <table className="mx-4 mt-2 w-auto self-end rounded border border-slate-200 bg-white text-xs" data-testid="adjudication-shortcuts">
          <tbody>
            {(t("adjudication.shortcuts", { returnObjects: true }) as [string, string][]).map(([k, v]) => (
              <tr key={k} className="border-t border-slate-100">
                <td className="px-2 py-1 font-mono">{k}</td>
                <td className="px-2 py-1">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ScoringLayout
        character={item.character}
        novel={item.novel}
        profile={item.profile}
        turns={item.turns}
        response={item.response}
        itemKey={item.responseId}
        scoringWidth="26rem"
      >
        <div className="min-h-0 flex-1 space-y-2 overflow-y-auto pr-1">
          {units.map((u, i) => (
            <UnitCard
              key={u.unit_id}
              ref={noteOpen === i ? noteRef : undefined}
              unit={u}
              focused={focus === i}
              score={scores[u.unit_id]}
              note={notes[u.unit_id] ?? ""}
              showNote={noteOpen === i}
              onScore={(n) => score(i, n)}
              onFocus={() => setFocus(i)}
              onNote={(text) => setNotes((s) => ({ ...s, [u.unit_id]: text }))}
            />
          ))}
        </div>
        <button
          type="button"
          onClick={leave}
          disabled={busy}
          className="h-8 w-full shrink-0 rounded border border-slate-300 bg-white text-xs"
          data-testid="leave"
        >
          {t("adjudication.leave")} <kbd className="text-slate-400">L</kbd>
        </button>
        <button
          type="button"
          onClick={confirm}
          disabled={!complete || busy}
          className="h-10 w-full shrink-0 rounded-md bg-brand-600 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-300"
          data-testid="confirm"
        >
          {t("adjudication.confirm", { done, total: units.length })} <kbd className="ml-1 text-xs opacity-75">Enter</kbd>
        </button>
      </ScoringLayout>
    </div>
  );
}
