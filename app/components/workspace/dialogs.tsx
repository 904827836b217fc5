import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui";

function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: React.ReactNode }) {
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      onClick={onClose}
    >
      <div className="w-full max-w-md rounded-lg bg-white p-4 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-3 font-semibold">{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A reason is required: a quick choice (its number key while the box is empty, or a click), or free text. */
export function TextDialog({ kind, onSubmit, onClose }: { kind: "skip" | "flag"; onSubmit: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const quick = kind === "skip" ? (t("workspace.skipReasons", { returnObjects: true }) as string[]) : [];
  const send = (v: string) => v.trim() && onSubmit(v.trim());
  return (
    <Modal title={t(kind === "skip" ? "workspace.skipTitle" : "workspace.flagTitle")} onClose={onClose}>
      {quick.length > 0 && (
        <>
          <p className="mb-1 text-xs text-slate-500">{t("workspace.skipReasonsHint", { count: quick.length })}</p>
          <div className="mb-2 flex flex-wrap gap-1" data-testid="skip-reasons">
            {quick.map((q, i) => (
              <button
                key={q}
                type="button"
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                onClick={() => send(q)}
              >
                <kbd className="mr-1 text-slate-400">{i + 1}</kbd>
                {q}
              </button>
            ))}
          </div>
        </>
      )}
      <textarea
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // a digit in the still-empty box picks that quick reason; once typing has begun it is text
          const pick = text === "" && /^[1-9]$/.test(e.key) ? quick[Number(e.key) - 1] : undefined;
          if (pick) {
            e.preventDefault();
            return send(pick);
          }
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            send(text);
          }
          if (e.key === "Escape") onClose();
        }}
        rows={3}
        maxLength={1000}
        aria-label={t(kind === "skip" ? "workspace.skipReason" : "workspace.flagNote")}
        placeholder={t(kind === "skip" ? "workspace.skipReason" : "workspace.flagNote")}
        className="w-full rounded border border-slate-300 p-2 text-sm"
      />
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="secondary" type="button" onClick={onClose}>
          {t("workspace.cancel")}
        </Button>
        <Button type="button" disabled={!text.trim()} onClick={() => send(text)}>
          {t(kind === "skip" ? "workspace.skipConfirm" : "workspace.flagConfirm")}
        </Button>
      </div>
    </Modal>
  );
}

export function HelpDialog({ onClose, pairwise = false }: { onClose: () => void; pairwise?: boolean }) {
  const { t } = useTranslation();
  const rows = t(pairwise ? "pairwise.shortcuts" : "workspace.shortcuts", { returnObjects: true }) as [string, string][];
  return (
    <Modal title={t("workspace.shortcutsTitle")} onClose={onClose}>
      <table className="w-full text-sm" data-testid="shortcuts">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k} className="border-t border-slate-100">
              <td className="py-1 pr-3">
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{k}</kbd>
              </td>
              <td className="py-1 text-slate-700">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
