// Markdown (rendered with raw HTML disabled, so a file cannot inject markup or script),
// JSON (pretty-printed) and anything else as plain text.

import MarkdownIt from 'markdown-it';
import { clearStatus, element, fetchText, slot } from './common.js';

const markdown = new MarkdownIt({ html: false, linkify: true });
// Only ordinary links: markdown-it already refuses javascript: and data: URLs by default.
const defaultLink = markdown.renderer.rules.link_open ||
  ((tokens, index, options, env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLink(tokens, index, options, env, self);
};

export function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function render(container, kind) {
  const text = await fetchText(container.dataset.contentUrl);
  const target = slot(container, 'canvas');
  if (kind === 'markdown') {
    const article = element('article', { class: 'markdown-body' });
    // Safe: markdown-it escapes every HTML tag in the source when `html` is false.
    article.innerHTML = markdown.render(text);
    target.replaceChildren(article);
  } else {
    const shown = kind === 'json' ? pretty(text) : text;
    target.replaceChildren(element('pre', { class: 'source' }, element('code', { text: shown })));
  }
  clearStatus(container);
}
