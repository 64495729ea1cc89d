// What changed between two versions. BPMN: bpmn-js-differ compares the two models; the
// newer diagram marks added, changed and moved elements, the older one removed elements, and
// every change is listed. Other types: a line diff.

import { diff as diffModels } from 'bpmn-js-differ';
import { diffLines } from 'diff';
import { clearStatus, element, fetchText, slot } from './common.js';
import { openBpmn, zoomControls } from './bpmn-viewer.js';
import { pretty } from './view-text.js';

export async function render(container, kind) {
  const [before, after] = await Promise.all([
    fetchText(container.dataset.fromUrl),
    fetchText(container.dataset.toUrl),
  ]);
  if (kind === 'diff-bpmn') {
    await bpmnDiff(container, before, after);
  } else {
    textDiff(container, before, after, container.dataset.fileType === 'json');
  }
  clearStatus(container);
}

function changesOf(oldDefinitions, newDefinitions) {
  const result = diffModels(oldDefinitions, newDefinitions);
  const rows = [];
  const add = (kind, map, describe) => {
    for (const [id, value] of Object.entries(map)) {
      rows.push({ kind, id, ...describe(value) });
    }
  };
  const named = (el) => ({ type: (el.$type || '').replace(/^bpmn:/, ''), name: el.name || '' });
  add('added', result._added, named);
  add('removed', result._removed, named);
  add('changed', result._changed, (change) => ({
    ...named(change.model),
    attrs: Object.keys(change.attrs || {}),
  }));
  for (const [id, el] of Object.entries(result._layoutChanged)) {
    if (!result._added[id] && !result._removed[id] && !result._changed[id]) {
      rows.push({ kind: 'moved', id, ...named(el) });
    }
  }
  return rows;
}

async function bpmnDiff(container, before, after) {
  const [older, newer] = await Promise.all([
    openBpmn(slot(container, 'before'), before),
    openBpmn(slot(container, 'after'), after),
  ]);
  zoomControls(newer.viewer, slot(container, 'toolbar'));
  linkViewboxes(older.viewer, newer.viewer);
  const rows = changesOf(older.viewer.getDefinitions(), newer.viewer.getDefinitions());
  const mark = (viewer, id, kind) => {
    if (viewer.get('elementRegistry').get(id)) {
      viewer.get('canvas').addMarker(id, `diff-${kind}`);
    }
  };
  for (const row of rows) {
    mark(row.kind === 'removed' ? older.viewer : newer.viewer, row.id, row.kind);
  }
  const list = slot(container, 'changes');
  list.replaceChildren();
  if (rows.length === 0) {
    list.append(element('li', { class: 'muted', text: 'The two versions are the same.' }));
  }
  for (const row of rows) {
    const detail = row.attrs && row.attrs.length ? ` (${row.attrs.join(', ')})` : '';
    const item = element(
      'li',
      { class: `change ${row.kind}`, 'data-change': row.kind, 'data-element-id': row.id },
      element('span', { class: 'badge', text: row.kind }),
      ' ',
      element('code', { text: row.id }),
      ` ${row.type}${row.name ? ` “${row.name}”` : ''}${detail}`,
    );
    const shownIn = row.kind === 'removed' ? older.viewer : newer.viewer;
    const shape = shownIn.get('elementRegistry').get(row.id);
    if (shape) {
      item.addEventListener('click', () => shownIn.get('canvas').scrollToElement(shape));
    }
    list.append(item);
  }
}

// Panning or zooming one diagram moves the other the same way, so both show the same part.
function linkViewboxes(first, second) {
  let syncing = false;
  const follow = (from, to) => {
    from.on('canvas.viewbox.changed', ({ viewbox }) => {
      if (syncing) return;
      syncing = true;
      try {
        to.get('canvas').viewbox({ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height });
      } finally {
        syncing = false;
      }
    });
  };
  follow(first, second);
  follow(second, first);
  second.get('canvas').zoom('fit-viewport', 'auto');
}

function textDiff(container, before, after, json) {
  const parts = diffLines(json ? pretty(before) : before, json ? pretty(after) : after);
  const code = element('code');
  for (const part of parts) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const prefix = part.added ? '+ ' : part.removed ? '- ' : '  ';
    const lines = part.value.replace(/\n$/, '').split('\n').map((line) => prefix + line).join('\n');
    code.append(element('span', { class: `line ${kind}`, 'data-change': kind, text: `${lines}\n` }));
  }
  slot(container, 'canvas').replaceChildren(element('pre', { class: 'source diff' }, code));
}
