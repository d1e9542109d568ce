// What every Cytoscape drawing of the page shares: how a node looks (its label's colour, its caption), and a
// drawing of given elements that other modules (a node's neighbours, a witness chain, a diff) fill.
import cytoscape from 'cytoscape';

const palette = ['#1f5fa8', '#a8501f', '#2b7a3d', '#7a2b6f', '#6b6b00', '#005f6b', '#8a1c1c', '#444f9e'];

/** A colour per label, the same for one set of labels whatever their order. */
export function labelColours(labels) {
  const sorted = [...new Set(labels)].sort();
  return (label) => palette[sorted.indexOf(label) % palette.length];
}

export const nodeStyle = {
  selector: 'node',
  style: {
    'background-color': 'data(colour)',
    label: 'data(caption)',
    'text-wrap': 'wrap',
    'text-valign': 'bottom',
    'text-margin-y': 6,
    'font-size': 12,
    color: '#1a1a1a',
    'text-background-color': '#ffffff',
    'text-background-opacity': 0.85,
    'text-background-padding': 2,
  },
};

export const edgeStyle = { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' } };

/** Node data for Cytoscape from a label and a name. */
export const nodeData = (id, label, name, colour) => ({ id, label, name, caption: `${name}\n(${label})`, colour });

/**
 * Draws `elements` in `container` (replacing `previous`, a Cytoscape instance or null) with the shared node and edge
 * styles plus `style`; returns the new instance.
 */
export function draw(container, previous, elements, layout, style = []) {
  previous?.destroy();
  return cytoscape({
    container,
    elements,
    maxZoom: 1.5,
    minZoom: 0.2,
    layout: { padding: 30, animate: false, ...layout },
    style: [nodeStyle, edgeStyle, ...style],
  });
}
