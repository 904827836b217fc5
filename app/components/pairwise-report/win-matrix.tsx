// The win/tie/loss matrix as a heatmap: each cell reads from its row's model against its column's, the
// background the row's share of points (a tie counts half): blue above 50%, orange below, pale near 50%,
// so dark text stays readable on every cell.
import { useTranslation } from "react-i18next";
import { Table, thClass } from "../reports/table";
import type { Matrix } from "./types";

/** The cell's background for a share of points in [0, 1]. */
function shade(share: number): string {
  const strength = Math.min(1, Math.abs(share - 0.5) * 2);
  const [r, g, b] = share >= 0.5 ? [39, 84, 224] : [245, 158, 11];
  return `rgba(${r}, ${g}, ${b}, ${(0.08 + 0.5 * strength).toFixed(3)})`;
}

export function WinMatrix({ matrix }: { matrix: Matrix }) {
  const { t } = useTranslation();
  const { models, wins, ties } = matrix;
  return (
    <Table testId="pairwise-matrix">
      <thead>
        <tr>
          <th className={`${thClass} text-slate-400`}>{t("pairwiseReport.matrix.vs")}</th>
          {models.map((m) => (
            <th key={m} className={`${thClass} text-center`}>
              {m}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {models.map((row, i) => (
          <tr key={row} className="border-t border-slate-100">
            <th scope="row" className={`${thClass} font-medium text-slate-900`}>
              {row}
            </th>
            {models.map((column, j) => {
              if (i === j) return <td key={column} className="bg-slate-100" />;
              const w = wins[i][j];
              const l = wins[j][i];
              const d = ties[i][j];
              const total = w + l + d;
              const share = total ? (w + d / 2) / total : null;
              return (
                <td
                  key={column}
                  className="px-2 py-1.5 text-center tabular-nums"
                  style={share === null ? undefined : { backgroundColor: shade(share) }}
                  title={t("pairwiseReport.matrix.cell", { row, column, wins: w, ties: d, losses: l })}
                  data-cell={`${row}|${column}`}
                >
                  {share === null ? (
                    <span className="text-xs text-slate-400">{t("pairwiseReport.matrix.none")}</span>
                  ) : (
                    <>
                      <span className="block font-medium text-slate-900">{Math.round(100 * share)}%</span>
                      <span className="block text-[11px] text-slate-700">
                        {w} – {d} – {l}
                      </span>
                    </>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
