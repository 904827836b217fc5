// The project's written guidelines, in the reader's language or, when that text is empty, the other one.
// The HTML comes from renderGuidelines, which escapes raw HTML and unsafe links (app/domain/guidelines).
import { useTranslation } from "react-i18next";
import { renderGuidelines } from "~/domain/guidelines/markdown";

export type GuidelinesTextData = { version: number; bodyEn: string; bodyZh: string; createdAt: string };

export function MarkdownBody({ markdown, testId }: { markdown: string; testId?: string }) {
  return (
    <div
      className="prose-guidelines text-sm leading-relaxed text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_h1]:mb-2 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mb-1.5 [&_h2]:mt-3 [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1.5 [&_ul]:list-disc [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600"
      data-testid={testId}
      // sanitised by construction in renderGuidelines (raw HTML escaped, unsafe links dropped)
      dangerouslySetInnerHTML={{ __html: renderGuidelines(markdown) }}
    />
  );
}

export function GuidelinesText({ guidelines }: { guidelines: GuidelinesTextData }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const own = (zh ? guidelines.bodyZh : guidelines.bodyEn).trim();
  const body = own || (zh ? guidelines.bodyEn : guidelines.bodyZh);
  return (
    <div data-testid="guidelines-text" data-version={guidelines.version}>
      {!own && <p className="mb-2 text-xs text-slate-500">{t("metricSets.textFallback")}</p>}
      <MarkdownBody markdown={body} />
    </div>
  );
}
