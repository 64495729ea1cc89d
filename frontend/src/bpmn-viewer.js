// A bpmn-js NavigatedViewer (zoom with the wheel, pan by dragging) that knows Camunda 8's
// zeebe extension elements, so the linter sees them as what they are.

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

export async function openBpmn(canvasElement, xml) {
  const viewer = new NavigatedViewer({
    container: canvasElement,
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const { warnings } = await viewer.importXML(xml);
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  return { viewer, warnings };
}

export function zoomControls(viewer, toolbar) {
  const canvas = viewer.get('canvas');
  const buttons = [
    ['Zoom in', () => canvas.zoom(canvas.zoom() * 1.25)],
    ['Zoom out', () => canvas.zoom(canvas.zoom() / 1.25)],
    ['Fit', () => canvas.zoom('fit-viewport', 'auto')],
  ];
  for (const [label, action] of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary small';
    button.textContent = label;
    button.addEventListener('click', action);
    toolbar.append(button);
  }
}
