import { useEffect, useRef } from "react";

type Handlers = {
  enabled: boolean;
  onDigit: (n: number) => void;
  onMove: (delta: number) => void;
  onEnter: () => void;
  onKey: (key: "s" | "f" | "?" | "a" | "c") => void;
  onEscape: () => void;
};

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.isContentEditable);

/** The workspace's keyboard: digits score, arrows/Tab move, Enter submits, s/f/?/a/c open things.
 *  While a comment box has focus only Escape and Ctrl/⌘+Enter act, so typing is never hijacked. */
export function useWorkspaceKeys(h: Handlers) {
  const ref = useRef(h);
  ref.current = h;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const x = ref.current;
      if (e.key === "Escape") return x.onEscape();
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
      switch (e.key) {
        case "ArrowDown":
        case "ArrowRight":
          e.preventDefault();
          return x.onMove(1);
        case "ArrowUp":
        case "ArrowLeft":
          e.preventDefault();
          return x.onMove(-1);
        case "Tab":
          e.preventDefault();
          return x.onMove(e.shiftKey ? -1 : 1);
        case "Enter":
          e.preventDefault();
          if (!e.repeat) x.onEnter();
          return;
        case "s":
        case "f":
        case "?":
        case "a":
        case "c":
          e.preventDefault();
          return x.onKey(e.key);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
