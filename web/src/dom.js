// Small DOM helpers: text always goes in through textContent, so names from the graph are never parsed as HTML.

export const $ = (id) => document.getElementById(id);

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

export function clear(node) {
  node.replaceChildren();
}
