// Draws a node and its direct neighbours with Cytoscape.js (through drawing.js). Inactive links are dashed and grey;
// an arrow points from the node that depends to the node it depends on, whichever direction the page shows.
import { draw, labelColours, nodeData } from './drawing.js';

export class GraphDrawing {
  /** @param {HTMLElement} container @param {(label: string, name: string) => void} onOpen */
  constructor(container, onOpen) {
    this.container = container;
    this.onOpen = onOpen;
    this.cy = null;
  }

  /** @param {{nodes: {id:number,label:string,title:string}[], relationships: {id:number,from:number,to:number}[]}} graph */
  draw(graph, rootId, inactiveByNodeId) {
    const colour = labelColours(graph.nodes.map((n) => n.label));
    const elements = [
      ...graph.nodes.map((n) => ({
        data: nodeData(`n${n.id}`, n.label, n.title, colour(n.label)),
        classes: n.id === rootId ? 'root' : '',
      })),
      ...graph.relationships.map((r) => ({
        data: { id: `r${r.id}`, source: `n${r.from}`, target: `n${r.to}` },
        classes: inactiveByNodeId.get(r.from === rootId ? r.to : r.from) ? 'inactive' : 'active',
      })),
    ];
    this.cy = draw(
      this.container,
      this.cy,
      elements,
      {
        name: 'concentric',
        concentric: (node) => (node.hasClass('root') ? 2 : 1),
        levelWidth: () => 1,
        minNodeSpacing: 40,
      },
      [
        { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#111111', width: 40, height: 40 } },
        { selector: 'edge.active', style: { 'line-color': '#1f5fa8', 'target-arrow-color': '#1f5fa8' } },
        {
          selector: 'edge.inactive',
          style: { 'line-color': '#8c8c8c', 'target-arrow-color': '#8c8c8c', 'line-style': 'dashed' },
        },
      ],
    );
    this.cy.on('tap', 'node', (event) => {
      if (!event.target.hasClass('root')) this.onOpen(event.target.data('label'), event.target.data('name'));
    });
    this.container.setAttribute('aria-label', describe(graph, rootId));
    // What is drawn, readable without looking at pixels (end-to-end tests, debugging).
    this.container.dataset.nodes = String(graph.nodes.length);
    this.container.dataset.links = String(graph.relationships.length);
    this.container.dataset.inactiveLinks = String(this.cy.edges('.inactive').length);
  }

  clear() {
    this.cy?.destroy();
    this.cy = null;
    delete this.container.dataset.nodes;
    delete this.container.dataset.links;
    delete this.container.dataset.inactiveLinks;
  }
}

function describe(graph, rootId) {
  const root = graph.nodes.find((n) => n.id === rootId);
  const others = graph.nodes.length - 1;
  return `Graph of ${root ? root.title : 'the node'} and ${others} direct neighbour${others === 1 ? '' : 's'}; the same neighbours are listed below.`;
}
