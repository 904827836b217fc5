// The annotators' scoring control for a metric being edited: the workspace's own MetricControl, fed a
// metric built from the form, with every handler a no-op (nothing is scored or saved here).
import { MetricControl } from "~/components/workspace/metric-control";
import type { MetricDocument } from "~/domain/metrics/document";
import type { WorkspaceMetric } from "~/domain/workspace/task";

export function asWorkspaceMetric(m: MetricDocument, index: number): WorkspaceMetric {
  const ok = Number.isInteger(m.min) && Number.isInteger(m.max) && m.max > m.min && m.max - m.min <= 10;
  const [min, max] = ok ? [m.min, m.max] : [1, 5];
  return {
    unit_id: -1 - index,
    key: m.key,
    name_en: m.name_en,
    name_zh: m.name_zh,
    definition_en: m.definition_en,
    definition_zh: m.definition_zh,
    min,
    max,
    anchor_low_en: m.anchors[min]?.en ?? "",
    anchor_low_zh: m.anchors[min]?.zh ?? "",
    anchor_high_en: m.anchors[max]?.en ?? "",
    anchor_high_zh: m.anchors[max]?.zh ?? "",
    higher_is_better: m.higher_is_better,
  };
}

const nothing = () => {};

export function MetricPreview({ metric, index }: { metric: MetricDocument; index: number }) {
  return (
    <div className="pointer-events-none select-none" aria-hidden="true" data-testid="metric-preview">
      <MetricControl
        metric={asWorkspaceMetric(metric, index)}
        index={index}
        focused
        score={undefined}
        comment=""
        showAnchors
        showComment={false}
        onScore={nothing}
        onFocus={nothing}
        onComment={nothing}
      />
    </div>
  );
}
