import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * With single fetch, RemixBrowser suspends on its first render until the page's inline data is decoded.
 * A key pressed in that window (Enter on the autofocused "Start annotating", a digit in the workspace)
 * makes React hydrate the root synchronously, and a root that suspends outside any Suspense boundary then
 * fails with "Root did not complete" (React #345) and is re-rendered from scratch. Calling RemixBrowser
 * once before hydrating starts the same decoding (it is memoised in the module) and hands us its promise;
 * hydration then begins with the data in place and never suspends. Until then the page is plain HTML and a
 * key does what it does without JavaScript.
 */
async function dataDecoded(): Promise<void> {
  try {
    (RemixBrowser as (props: object) => unknown)({});
  } catch (pending) {
    if (pending && typeof (pending as PromiseLike<unknown>).then === "function") await pending;
    // anything else is thrown again by the real render below, where React reports it
  }
}

void dataDecoded().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
