import { isLocale, LOCALE_COOKIE, type Locale } from "./config";

/** The saved choice (cookie, then the account's), else the browser's Accept-Language, else English. */
export function detectLocale(cookieHeader: string | null, acceptLanguage: string | null, userLocale?: string | null): Locale {
  const m = (cookieHeader ?? "").match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(zh|en)(?:;|$)`));
  if (m && isLocale(m[1])) return m[1];
  if (isLocale(userLocale)) return userLocale;
  const prefs = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith("zh")) return "zh";
    if (p.tag.startsWith("en")) return "en";
  }
  return "en";
}
