import { useTranslation } from "react-i18next";

/** Rows come with camelCase names from services and snake_case from the API's JSON. */
type Named = { nameZh: string; nameEn: string } | { name_zh: string; name_en: string };

/** The name of a metric, metric set, … in the page's language, the other one when it is empty. */
export function localName(item: Named, language: string): string {
  const [zh, en] = "nameZh" in item ? [item.nameZh, item.nameEn] : [item.name_zh, item.name_en];
  return language === "zh" ? zh || en : en || zh;
}

export function useLocalName() {
  const { i18n } = useTranslation();
  return (item: Named) => localName(item, i18n.language);
}
