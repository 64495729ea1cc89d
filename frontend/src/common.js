// Small helpers shared by the viewers.

export async function fetchText(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/plain' } });
  if (!response.ok) {
    throw new Error(`the server answered ${response.status}`);
  }
  return response.text();
}

export function showError(container, message) {
  const status = container.querySelector('[data-model-status]') || container;
  const paragraph = document.createElement('p');
  paragraph.className = 'error';
  paragraph.setAttribute('role', 'alert');
  paragraph.textContent = message;
  status.replaceChildren(paragraph);
}

export function clearStatus(container) {
  const status = container.querySelector('[data-model-status]');
  if (status) {
    status.replaceChildren();
  }
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

// A part of the view: inside its element, or beside it on the page (a findings panel).
export function slot(container, name) {
  const selector = `[data-model-slot="${name}"]`;
  return container.querySelector(selector) || document.querySelector(selector);
}
