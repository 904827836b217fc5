import { useEffect, useRef, useState } from "react";

export type Draft = { key: string; scores: Record<number, number>; comments: Record<number, string> };

const draftKey = (taskId: number) => `rolecall:draft:${taskId}`;

/** The scores in progress, kept in localStorage until the server acknowledges the submit, so a reload
 *  or a lost connection loses nothing. The idempotency key lives in the draft: a retry is the same submit. */
export function useDraft(taskId: number) {
  const [draft, setDraft] = useState<Draft>(() => ({ key: "", scores: {}, comments: {} }));
  const loaded = useRef(false);
  useEffect(() => {
    let d: Draft | null = null;
    try {
      d = JSON.parse(localStorage.getItem(draftKey(taskId)) ?? "null");
    } catch {
      d = null;
    }
    setDraft(d && typeof d.key === "string" && d.key ? d : { key: crypto.randomUUID(), scores: {}, comments: {} });
    loaded.current = true;
  }, [taskId]);
  useEffect(() => {
    if (loaded.current && draft.key) localStorage.setItem(draftKey(taskId), JSON.stringify(draft));
  }, [taskId, draft]);
  const clear = () => localStorage.removeItem(draftKey(taskId));
  return { draft, setDraft, clear, ready: draft.key !== "" };
}

/** Milliseconds the page was visible and the annotator active (input within the last 30 s). */
export function useActiveTime() {
  const total = useRef(0);
  const lastInput = useRef(Date.now());
  useEffect(() => {
    const bump = () => (lastInput.current = Date.now());
    const events = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, bump, { passive: true }));
    const tick = setInterval(() => {
      if (document.visibilityState === "visible" && Date.now() - lastInput.current < 30_000) total.current += 1000;
    }, 1000);
    return () => {
      clearInterval(tick);
      events.forEach((e) => window.removeEventListener(e, bump));
    };
  }, []);
  return { activeMs: () => total.current, lastInput };
}

/** Keeps the lease alive while the page is visible and in use; reports when it is gone. */
export function useHeartbeat(taskId: number, lastInput: React.MutableRefObject<number>, onExpired: () => void) {
  useEffect(() => {
    const beat = async () => {
      if (document.visibilityState !== "visible" || Date.now() - lastInput.current > 5 * 60_000) return;
      try {
        const r = await fetch(`/api/tasks/${taskId}/heartbeat`, { method: "POST" });
        if (r.ok && (await r.json()).lease_expires_at === null) onExpired();
      } catch {
        /* offline: the next beat tries again; the draft is safe */
      }
    };
    const id = setInterval(beat, 60_000);
    return () => clearInterval(id);
  }, [taskId, lastInput, onExpired]);
}

/** POST /api/tasks/:id/{submit,skip,flag} from the workspace; a refusal throws its `error` text. */
export async function postTaskAction(taskId: number, path: "submit" | "skip" | "flag", body: unknown) {
  const r = await fetch(`/api/tasks/${taskId}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(json.error ?? r.statusText);
  return json;
}
