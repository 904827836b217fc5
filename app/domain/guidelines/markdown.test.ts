import { describe, expect, it } from "vitest";
import { renderGuidelines } from "./markdown";

describe("guidelines Markdown", () => {
  it("renders headings, lists and emphasis", () => {
    expect(renderGuidelines("# Rules\n\n- be **fair**\n- read _all_ turns")).toBe(
      "<h1>Rules</h1>\n<ul>\n<li>be <strong>fair</strong></li>\n<li>read <em>all</em> turns</li>\n</ul>\n",
    );
  });

  it("escapes raw HTML and script tags instead of passing them through", () => {
    const html = renderGuidelines('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> <b>bold</b>');
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("drops javascript:, vbscript: and data: links, keeps the text", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="]) {
      const html = renderGuidelines(`[click](${url})`);
      expect(html, url).not.toMatch(/<a /);
      expect(html, url).not.toMatch(/href=/);
    }
  });

  it("opens links in a new tab without an opener", () => {
    expect(renderGuidelines("[CharacterEval](https://example.org/ce)")).toBe(
      '<p><a href="https://example.org/ce" target="_blank" rel="noopener noreferrer">CharacterEval</a></p>\n',
    );
    expect(renderGuidelines("see https://example.org")).toContain('target="_blank" rel="noopener noreferrer"');
  });
});
