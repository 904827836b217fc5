// Managers write the project's guidelines in Markdown, one text per language, and see them rendered as
// annotators will beside the text. Saving makes a new version (annotators are asked to read it again).
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button } from "~/components/ui";
import { type GuidelinesTextData, MarkdownBody } from "./guidelines-text";

type Reply = { saved?: number; error?: "tooLong"; field?: "en" | "zh"; max?: number };

export function GuidelinesEditor({ current }: { current: GuidelinesTextData | null }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Reply>();
  const [lang, setLang] = useState<"en" | "zh">("en");
  const [texts, setTexts] = useState({ en: current?.bodyEn ?? "", zh: current?.bodyZh ?? "" });
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="space-y-3" data-testid="guidelines-editor">
      <input type="hidden" name="intent" value="save-guidelines" />
      <input type="hidden" name="en" value={texts.en} />
      <input type="hidden" name="zh" value={texts.zh} />
      <p className="text-xs text-slate-500">{t("metricSets.textEditHint")}</p>
      <div className="flex gap-1 text-sm" role="tablist">
        {(["en", "zh"] as const).map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={lang === l}
            onClick={() => setLang(l)}
            className={`rounded-t border px-3 py-1 ${lang === l ? "border-brand-500 bg-white font-semibold" : "border-slate-200 bg-slate-50"}`}
            data-testid={`guidelines-tab-${l}`}
          >
            {l === "en" ? t("metricSets.textEn") : t("metricSets.textZh")}
          </button>
        ))}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <textarea
          aria-label={lang === "en" ? t("metricSets.textEn") : t("metricSets.textZh")}
          value={texts[lang]}
          onChange={(e) => setTexts({ ...texts, [lang]: e.target.value })}
          className="h-72 w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
          data-testid="guidelines-input"
        />
        <section className="h-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-3" aria-label={t("metricSets.textPreview")}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{t("metricSets.textPreview")}</h3>
          {texts[lang].trim() ? (
            <MarkdownBody markdown={texts[lang]} testId="guidelines-preview" />
          ) : (
            <p className="text-sm text-slate-400">{t("metricSets.textEmpty")}</p>
          )}
        </section>
      </div>
      {fetcher.data?.error && (
        <Alert>
          {t("metricSets.textTooLong", {
            lang: fetcher.data.field === "zh" ? t("metricSets.textZh") : t("metricSets.textEn"),
            max: fetcher.data.max,
          })}
        </Alert>
      )}
      {fetcher.data?.saved && !busy && <Alert tone="success">{t("metricSets.textSaved", { version: fetcher.data.saved })}</Alert>}
      <Button type="submit" disabled={busy} data-testid="guidelines-save">
        {t("metricSets.textSave")}
      </Button>
    </fetcher.Form>
  );
}
