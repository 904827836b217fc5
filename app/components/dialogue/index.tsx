import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProfileEntry } from "~/domain/dialogue/profile-display";
import { splitDirections } from "~/domain/dialogue/profile-display";

export type TurnView = { speaker: string | null; text: string; isCharacter: boolean };

/** Text with stage directions （…） set apart. Always React text nodes: imported data is never HTML. */
export function Utterance({ text }: { text: string }) {
  return (
    <>
      {splitDirections(text).map((s, i) =>
        s.direction ? (
          <span key={i} className="text-slate-500 italic">
            {s.text}
          </span>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** A dialogue as a conversation: the character's turns on the right, everyone else's on the left. */
export function DialogueView({ turns, compact = false }: { turns: TurnView[]; compact?: boolean }) {
  return (
    <ol className={`flex flex-col ${compact ? "gap-1.5" : "gap-2"}`} data-testid="dialogue">
      {turns.map((t, i) =>
        t.speaker === null ? (
          <li key={i} className="self-center text-xs text-slate-500 italic">
            <Utterance text={t.text} />
          </li>
        ) : (
          <li key={i} className={`flex max-w-[85%] flex-col ${t.isCharacter ? "self-end items-end" : "self-start items-start"}`}>
            <span className="text-[11px] text-slate-500">{t.speaker}</span>
            <span
              className={`rounded-lg px-3 py-1.5 text-sm leading-relaxed ${t.isCharacter ? "bg-brand-50 text-slate-900 ring-1 ring-brand-100" : "bg-white text-slate-800 ring-1 ring-slate-200"}`}
            >
              <Utterance text={t.text} />
            </span>
          </li>
        ),
      )}
    </ol>
  );
}

/** The character's profile: key facts first, the rest behind a toggle. */
export function ProfileCard({
  name,
  novel,
  entries,
  defaultOpen = false,
}: {
  name: string;
  novel: string;
  entries: ProfileEntry[];
  defaultOpen?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(defaultOpen);
  const facts = entries.filter((e) => e.key_fact);
  const rest = entries.filter((e) => !e.key_fact);
  const Row = ({ e }: { e: ProfileEntry }) => (
    <div className="grid grid-cols-[5.5rem_1fr] gap-2 py-0.5">
      <dt className="truncate text-slate-500" title={e.key}>
        {e.key}
      </dt>
      <dd className="text-slate-800">{e.value}</dd>
    </div>
  );
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="profile">
      <h3 className="font-semibold">
        {name} {novel && <span className="font-normal text-slate-500">《{novel}》</span>}
      </h3>
      <dl className="mt-2">
        {(facts.length ? facts : entries.slice(0, 4)).map((e) => (
          <Row key={e.key} e={e} />
        ))}
        {open && (facts.length ? rest : entries.slice(4)).map((e) => <Row key={e.key} e={e} />)}
      </dl>
      {(facts.length ? rest.length : entries.length > 4) ? (
        <button type="button" onClick={() => setOpen(!open)} className="mt-1 text-xs text-brand-600 hover:underline" aria-expanded={open}>
          {open ? t("dialogue.profileLess") : t("dialogue.profileMore", { count: facts.length ? rest.length : entries.length - 4 })}
        </button>
      ) : null}
    </section>
  );
}
