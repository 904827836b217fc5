import { useEffect, useState, type ReactNode } from "react";

/** Renders children only in the browser (charts measure their container), a placeholder of the same
 *  height on the server so the page does not jump. */
export function ClientOnly({ height, children }: { height: number; children: () => ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <div style={{ height }}>{mounted ? children() : null}</div>;
}
