import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";
import accounts from "./features/accounts";
import adjudication from "./features/adjudication";
import errors from "./features/errors";
import exportsMessages from "./features/exports";
import imports from "./features/imports";
import judgeRuns from "./features/judgeRuns";
import metricSets from "./features/metricSets";
import overview from "./features/overview";
import pairwise from "./features/pairwise";
import pairwiseData from "./features/pairwiseData";
import pairwiseReport from "./features/pairwiseReport";
import quality from "./features/quality";
import queue from "./features/queue";
import reports from "./features/reports";
import workspace from "./features/workspace";
import zh from "./zh";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "rc_lang";

const features = {
  accounts,
  imports,
  queue,
  workspace,
  reports,
  exports: exportsMessages,
  adjudication,
  quality,
  metricSets,
  judgeRuns,
  errors,
  overview,
  pairwise,
  pairwiseReport,
  pairwiseData,
};
type FeatureMessages = { [K in keyof typeof features]: (typeof features)[K]["en"] };
const pick = (lang: "en" | "zh") => Object.fromEntries(Object.entries(features).map(([k, v]) => [k, v[lang]])) as FeatureMessages;

export const resources = {
  en: { translation: { ...en, ...pick("en") } },
  zh: { translation: { ...zh, ...pick("zh") } },
} as const;

/** A fresh i18next instance per request on the server and once in the browser; both languages are
 *  bundled (a few KB), so rendering never waits for a network fetch. */
export function createI18n(lng: Locale): i18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next).init({
    lng,
    fallbackLng: "en",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false, // no console banner in the CLI's output
  });
  return instance;
}

export function isLocale(v: unknown): v is Locale {
  return v === "zh" || v === "en";
}
