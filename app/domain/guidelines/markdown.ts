// Guidelines Markdown to HTML, the same in the browser (the editor's preview) and on the server. Safe by
// construction rather than by filtering: raw HTML is escaped (html: false), markdown-it's link check drops
// javascript:, vbscript:, file: and data: URLs, and every link opens in a new tab without an opener.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

const renderToken = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("target", "_blank");
  tokens[idx].attrSet("rel", "noopener noreferrer");
  return renderToken(tokens, idx, options, env, self);
};

/** Sanitised HTML of a guidelines text. */
export function renderGuidelines(markdown: string): string {
  return md.render(markdown);
}

export const GUIDELINES_MAX_CHARS = 50_000;
