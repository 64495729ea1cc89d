// A DMN file: the DRD first; each decision's table or literal expression is one tab away.

import DmnViewer from 'dmn-js/lib/Viewer';
import { clearStatus, element, fetchText, slot } from './common.js';

export async function render(container) {
  const xml = await fetchText(container.dataset.contentUrl);
  const viewer = new DmnViewer({ container: slot(container, 'canvas') });
  await viewer.importXML(xml);
  clearStatus(container);
  const tabs = slot(container, 'toolbar');
  const show = (view) => {
    viewer.open(view);
    for (const button of tabs.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.viewId === view.element.id && button.dataset.viewType === view.type));
    }
  };
  for (const view of viewer.getViews()) {
    const label = view.type === 'drd' ? 'Diagram (DRD)' : view.element.name || view.element.id;
    const button = element('button', {
      type: 'button',
      class: 'button secondary small',
      'data-view-id': view.element.id,
      'data-view-type': view.type,
      text: label,
    });
    button.addEventListener('click', () => show(view));
    tabs.append(button);
  }
  const active = viewer.getActiveView();
  if (active) {
    show(active);
  }
  if (active && active.type === 'drd') {
    const drd = viewer.getActiveViewer();
    drd.get('canvas').zoom('fit-viewport', 'auto');
  }
}
