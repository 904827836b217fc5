import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DialogueView, ProfileCard, Utterance } from "~/components/dialogue";
import type { WorkspaceTask } from "~/domain/workspace/task";

type Props = Pick<WorkspaceTask, "character" | "novel" | "profile" | "turns" | "response"> & {
  /** a comparison: its two replies side by side (A left, B right) instead of the one response */
  pair?: WorkspaceTask["pair"];
  /** changes when another response is shown: the dialogue scrolls to its last line again */
  itemKey: string | number;
  /** the width of the scoring column, a Tailwind length such as "22rem" */
  scoringWidth: "22rem" | "26rem";
  /** the scoring column: the annotator's metric controls or the adjudicator's units */
  children: ReactNode;
};

/** The screen both scorers work in: the character's profile, the dialogue (scrolled to its end) and
 *  the scored response, beside a column of the caller's controls. */
export function ScoringLayout({ character, novel, profile, turns, response, pair, itemKey, scoringWidth, children }: Props) {
  const { t } = useTranslation();
  const dialogueEnd = useRef<HTMLDivElement>(null);
  // braces: newer browsers return a promise from scrollIntoView, which React would take for a cleanup
  useEffect(() => {
    dialogueEnd.current?.scrollIntoView({ block: "end" });
  }, [itemKey]);
  const columns = scoringWidth === "22rem" ? "grid-cols-[17rem_minmax(0,1fr)_22rem]" : "grid-cols-[17rem_minmax(0,1fr)_26rem]";
  return (
    <div className={`grid min-h-0 flex-1 ${columns} gap-3 p-3`}>
      <aside className="min-h-0 overflow-y-auto">
        <ProfileCard name={character} novel={novel} entries={profile} />
      </aside>
      <main className="flex min-h-0 flex-col gap-3">
        <section
          className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-slate-200 bg-slate-100/60 p-3"
          aria-label={t("workspace.dialogue")}
        >
          <DialogueView turns={turns} compact />
          <div ref={dialogueEnd} />
        </section>
        {pair ? (
          <div className="grid shrink-0 grid-cols-2 gap-3" data-testid="pair">
            <Reply side="A" character={character} text={pair.left} />
            <Reply side="B" character={character} text={pair.right} />
          </div>
        ) : (
          <section
            className="shrink-0 rounded-lg border-2 border-brand-500 bg-white p-3"
            aria-label={t("workspace.response")}
            data-testid="response"
          >
            <p className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-brand-700">
              {t("workspace.responseLabel", { character })}
            </p>
            <p className="text-base leading-relaxed">
              <Utterance text={response} />
            </p>
          </section>
        )}
      </main>
      <aside className="flex min-h-0 flex-col gap-2">{children}</aside>
    </div>
  );
}

/** One side of a comparison: which model wrote it is never shown. */
function Reply({ side, character, text }: { side: "A" | "B"; character: string; text: string }) {
  const { t } = useTranslation();
  return (
    <section
      className={`max-h-[40vh] overflow-y-auto rounded-lg border-2 bg-white p-3 ${side === "A" ? "border-sky-500" : "border-amber-500"}`}
      aria-label={t("pairwise.replyLabel", { side })}
      data-testid={`reply-${side}`}
    >
      <p className={`mb-1 text-[11px] font-semibold uppercase tracking-wide ${side === "A" ? "text-sky-700" : "text-amber-700"}`}>
        {t("pairwise.reply", { side, character })}
      </p>
      <p className="text-base leading-relaxed">
        <Utterance text={text} />
      </p>
    </section>
  );
}
