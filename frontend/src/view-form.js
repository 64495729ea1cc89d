// A form: rendered read-only with the form-js viewer (nothing is submitted anywhere).

import { Form } from '@bpmn-io/form-js-viewer';
import { clearStatus, fetchText, slot } from './common.js';

export async function render(container) {
  const schema = JSON.parse(await fetchText(container.dataset.contentUrl));
  const form = new Form({ container: slot(container, 'canvas') });
  await form.importSchema(schema, {});
  form.setProperty('readOnly', true);
  clearStatus(container);
}
