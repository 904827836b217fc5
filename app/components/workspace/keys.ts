import { useEffect, useRef } from "react";

type Handlers = {
  enabled: boolean;
  onDigit: (n: number) => void;
  onMove: (delta: number) => void;
  onEnter: () => void;
  onKey: (key: "s" | "f" | "?" | "a" | "c") => void;
  onEscape: () => void;
  /** takes the arrow keys instead of onMove when it returns true (a comparison's ← ↓ → choose a side) */
  onArrow?: (key: "ArrowLeft" | "ArrowDown" | "ArrowRight" | "ArrowUp") => boolean;
};

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.isContentEditable);

/** A focused control whose own Enter means something (a score radio's does not: Enter submits there). */
const pressable = (el: EventTarget | null) =>
  el instanceof HTMLElement && el.closest("a, button, select, summary") !== null && el.closest('[role="radio"]') === null;

/** The workspace's keyboard: digits score, arrows move, Enter submits, s/f/?/a/c open things.
 *  While a comment box has focus only Escape and Ctrl/⌘+Enter act, so typing is never hijacked. Tab is
 *  left to the browser (WCAG 2.1.1, 2.4.3) and Enter on a focused button or link presses it. */
export function useWorkspaceKeys(h: Handlers) {
  const ref = useRef(h);
  ref.current = h;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const x = ref.current;
      if (e.key === "Escape") {
        // leaving a comment box gives the keys back to scoring: digits score again, Enter submits
        if (typing(e.target)) (e.target as HTMLElement).blur();
        return x.onEscape();
      }
      if (!x.enabled || e.altKey || e.isComposing) return;
      if (typing(e.target)) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          (e.target as HTMLElement).blur();
          x.onEnter();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        return x.onDigit(Number(e.key));
      }
      // the buttons say S / F / A: Shift or caps lock must not turn a shortcut off
      if ((e.key === "ArrowLeft" || e.key === "ArrowDown" || e.key === "ArrowRight" || e.key === "ArrowUp") && x.onArrow?.(e.key)) {
        e.preventDefault();
        return;
      }
      switch (e.key.length === 1 ? e.key.toLowerCase() : e.key) {
        case "ArrowDown":
        case "ArrowRight":
          e.preventDefault();
          return x.onMove(1);
        case "ArrowUp":
        case "ArrowLeft":
          e.preventDefault();
          return x.onMove(-1);
        case "Enter":
          if (pressable(e.target)) return;
          e.preventDefault();
          if (!e.repeat) x.onEnter();
          return;
        case "s":
        case "f":
        case "?":
        case "a":
        case "c":
          e.preventDefault();
          return x.onKey(e.key.toLowerCase() as "s" | "f" | "?" | "a" | "c");
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
