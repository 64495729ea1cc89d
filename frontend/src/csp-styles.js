// diagram-js and dmn-js build some elements from HTML strings with `style="…"` attributes
// (min-dom's `domify`). The console's CSP (`style-src 'self'`) makes the browser drop those
// attributes, and the overlays, palettes and the like lose their positioning. The bundle swaps
// `domify` for this wrapper: the attributes are parked under another name while the HTML is
// parsed and then applied through the CSSOM (`element.style`), which the CSP allows, so no
// `'unsafe-inline'` is needed.

const PARKED = 'data-csp-style';
const STYLE_ATTRIBUTE = /(<[a-zA-Z][^<>]*?\s)style=/g;

export function domifyWithoutInlineStyles(domify, html, document) {
  if (typeof html !== 'string' || !html.includes('style=')) {
    return domify(html, document);
  }
  const node = domify(html.replace(STYLE_ATTRIBUTE, `$1${PARKED}=`), document);
  const parked = [];
  if (node.nodeType === 1 && node.hasAttribute(PARKED)) {
    parked.push(node);
  }
  if (node.querySelectorAll) {
    parked.push(...node.querySelectorAll(`[${PARKED}]`));
  }
  for (const element of parked) {
    element.style.cssText = element.getAttribute(PARKED);
    element.removeAttribute(PARKED);
  }
  return node;
}
