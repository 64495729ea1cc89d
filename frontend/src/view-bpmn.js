// A BPMN file: the diagram, zoom controls, and bpmnlint findings marked on the diagram and
// listed beside it (each entry selects its element).

import { clearStatus, element, fetchText, slot } from './common.js';
import { openBpmn, zoomControls } from './bpmn-viewer.js';
import { lint } from './lint.js';

export async function render(container) {
  const xml = await fetchText(container.dataset.contentUrl);
  const { viewer } = await openBpmn(slot(container, 'canvas'), xml);
  clearStatus(container);
  zoomControls(viewer, slot(container, 'toolbar'));
  // The diagram is usable from here on; the lint findings follow.
  container.dataset.drawn = 'true';
  await showLint(viewer, slot(container, 'lint'));
}

async function showLint(viewer, panel) {
  if (!panel) {
    return;
  }
  const { configName, findings } = await lint(viewer.getDefinitions());
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const heading = element('h2', { text: `Lint (${configName})` });
  panel.replaceChildren(heading);
  if (findings.length === 0) {
    panel.append(element('p', { class: 'muted', 'data-lint-clean': 'true', text: 'No findings.' }));
    return;
  }
  const list = element('ul', { class: 'findings', 'data-lint-findings': String(findings.length) });
  const counts = new Map();
  for (const finding of findings) {
    const item = element(
      'li',
      { class: `finding is-${finding.category}`, 'data-element-id': finding.id || '', 'data-rule': finding.rule },
      element('span', { class: 'badge', text: finding.category }),
      ' ',
      element('code', { text: finding.id || '(diagram)' }),
      ' ',
      element('span', { text: finding.message }),
      ' ',
      element('span', { class: 'muted', text: `(${finding.rule})` }),
    );
    list.append(item);
    if (finding.id && registry.get(finding.id)) {
      canvas.addMarker(finding.id, `lint-${finding.category}`);
      counts.set(finding.id, (counts.get(finding.id) || 0) + 1);
      item.addEventListener('click', () => {
        canvas.scrollToElement(registry.get(finding.id));
      });
    }
  }
  for (const [id, count] of counts) {
    const badge = element('span', { class: 'lint-badge', title: `${count} lint finding(s)`, text: String(count) });
    overlays.add(id, 'lint', { position: { top: -10, right: 10 }, html: badge });
  }
  panel.append(list);
}
