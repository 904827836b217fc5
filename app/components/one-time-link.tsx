import { useState } from "react";
import { useTranslation } from "react-i18next";

/** A link shown once (invitations): read-only, selected on focus, with a copy button. */
export function OneTimeLink({ link, testId }: { link: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async (input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // the clipboard API needs a secure context; a plain-http address falls back to the selection
      input?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  };
  return (
    <div className="flex gap-2">
      <input
        readOnly
        value={link}
        className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
        onClick={(e) => copy(e.currentTarget.previousElementSibling as HTMLInputElement | null)}
        data-testid={`${testId}-copy`}
      >
        {copied ? t("accounts.members.copied") : t("accounts.members.copy")}
      </button>
    </div>
  );
}
