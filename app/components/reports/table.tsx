// Report tables: sortable headers (links, so sorting works without JavaScript) and number cells.
import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export const thClass = "whitespace-nowrap px-2 py-1.5 text-left text-xs font-medium text-slate-500";
export const tdClass = "whitespace-nowrap px-2 py-1.5 tabular-nums";

/** A column header that sorts by `column` through the `param` query parameter (asc → desc → asc). */
export function SortHeader({
  param = "sort",
  column,
  children,
  numeric = true,
}: {
  param?: string;
  column: string;
  children: ReactNode;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const active = params.get(param) === column;
  const desc = active && params.get(`${param}dir`) === "desc";
  const next = new URLSearchParams(params);
  next.set(param, column);
  // numbers read best largest first; names alphabetically
  next.set(`${param}dir`, active ? (desc ? "asc" : "desc") : numeric ? "desc" : "asc");
  const label = typeof children === "string" ? children : column;
  return (
    <th className={`${thClass} ${numeric ? "text-right" : ""}`} aria-sort={active ? (desc ? "descending" : "ascending") : "none"}>
      <Link
        to={`?${next}`}
        preventScrollReset
        replace
        className="hover:text-slate-900"
        title={t("reports.common.sortBy", { column: label })}
        data-sort={column}
      >
        {children}
        {active && <span aria-hidden="true">{desc ? " ▼" : " ▲"}</span>}
      </Link>
    </th>
  );
}

export function Num({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`${tdClass} text-right ${className}`}>{children}</td>;
}

export function Table({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}
