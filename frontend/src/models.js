// Entry point of the console's model browser. Each page carries one `[data-model-view]`
// element; its data attributes say what to show and where to fetch it (same-origin, session
// cookie). The heavy viewers are loaded on demand, so a DMN page never downloads bpmn-js.

import { showError } from './common.js';

const VIEWS = {
  bpmn: () => import('./view-bpmn.js'),
  dmn: () => import('./view-dmn.js'),
  form: () => import('./view-form.js'),
  markdown: () => import('./view-text.js'),
  json: () => import('./view-text.js'),
  text: () => import('./view-text.js'),
  'diff-bpmn': () => import('./view-diff.js'),
  'diff-text': () => import('./view-diff.js'),
};

async function start(container) {
  const kind = container.dataset.modelView;
  const load = VIEWS[kind];
  if (!load) {
    showError(container, `No viewer for ${kind}.`);
    return;
  }
  try {
    const module = await load();
    await module.render(container, kind);
    container.dataset.rendered = 'true';
  } catch (error) {
    showError(container, `This file could not be shown: ${error.message || error}`);
    container.dataset.rendered = 'error';
  }
}

for (const container of document.querySelectorAll('[data-model-view]')) {
  start(container);
}
