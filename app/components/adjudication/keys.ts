import { useEffect, useRef } from "react";

type Handlers = {
  onDigit: (n: number) => void;
  onMove: (delta: number) => void;
  onEnter: () => void;
  onNote: () => void;
  onLeave: () => void;
  onHelp: () => void;
  onEscape: () => void;
};

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.isContentEditable);

/** The adjudicator's keys: digits set the final score, ↑↓ move, Enter confirms, N a note, L leaves the
 *  response to someone else, ? help.
 *  Tab is left to the browser so the page stays keyboard reachable; Enter on a focused button or link
 *  does what that control does. Inside the note only Escape and Ctrl/⌘+Enter act. */
export function useAdjudicationKeys(h: Handlers) {
  const ref = useRef(h);
  ref.current = h;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const x = ref.current;
      if (e.key === "Escape") {
        if (typing(e.target)) (e.target as HTMLElement).blur();
        return x.onEscape();
      }
      if (e.altKey || e.isComposing) return;
      if (typing(e.target)) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          (e.target as HTMLElement).blur();
          x.onEnter();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey) return;
      const onControl = e.target instanceof HTMLElement && (e.target.tagName === "BUTTON" || e.target.tagName === "A");
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        return x.onDigit(Number(e.key));
      }
      switch (e.key.length === 1 ? e.key.toLowerCase() : e.key) {
        case "ArrowDown":
          e.preventDefault();
          return x.onMove(1);
        case "ArrowUp":
          e.preventDefault();
          return x.onMove(-1);
        case "Enter":
          if (onControl) return;
          e.preventDefault();
          if (!e.repeat) x.onEnter();
          return;
        case "n":
          e.preventDefault();
          return x.onNote();
        case "l":
          e.preventDefault();
          return x.onLeave();
        case "?":
          e.preventDefault();
          return x.onHelp();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
