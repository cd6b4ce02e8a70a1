// ergraph's HTML view (ergraph export --format html): the drawing Graphviz laid out, and the
// data beside it in #ergraph-data. Plain script for this page alone; nothing is fetched, and
// every text of the data goes into the page as text (textContent, attributes), never as HTML.
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('ergraph-data').textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const docs = data.docs;
  const canvas = document.getElementById('canvas');
  const svg = canvas.querySelector('svg');
  const $ = (id) => document.getElementById(id);

  // Elements, with the text put in as text.
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function button(text, onClick, className) {
    const b = el('button', className || '', text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  // ---- The rows, as the engine's snapshot has them (engine/include/ergraph/adjacency.hpp) ----
  // Nodes and edges come in id order, so a node's out-edges in index order have ascending
  // targets; its in-row lists sources ascending, ties in edge order.
  const outRow = nodes.map(() => []);
  const inRow = nodes.map(() => []);
  edges.forEach((e, k) => {
    outRow[e.from].push(k);
    inRow[e.to].push(k);
  });
  inRow.forEach((row) => row.sort((a, b) => edges[a].from - edges[b].from || a - b));
  const degree = nodes.map((_, v) => outRow[v].length + inRow[v].length);

  // ---- What the controls let through: the same rules as the CLI's traversal options ----
  const filter = {
    hiddenNodeTypes: new Set(),  // --node-types (every other type)
    hiddenEdgeTypes: new Set(),  // --skip-edge-types
    window: null,                // --from/--to: {first, last} as YYYYMMDD; undated edges kept
    datedOnly: false,            // --dated-only
    minSources: 1,               // --min-sources
    directed: false,             // --directed
  };
  function edgeOk(k) {
    const e = edges[k];
    if (filter.hiddenEdgeTypes.has(e.type)) return false;
    if (filter.minSources > 1 && e.sources < filter.minSources) return false;
    if (e.first === 0) return !filter.datedOnly;
    return !filter.window || (e.first <= filter.window.last && e.last >= filter.window.first);
  }
  function nodeShown(v) { return !filter.hiddenNodeTypes.has(nodes[v].type); }
  function edgeShown(k) { return edgeOk(k) && nodeShown(edges[k].from) && nodeShown(edges[k].to); }

  // ---- The path finder: the engine's bidirectional search (engine/src/query/path_search.cpp),
  // step for step, so that it finds the path `ergraph path` finds ----
  // fn(w, edge, along) for v's neighbours the filter lets through, ascending neighbour order,
  // out-edges before in-edges to the same neighbour, parallel edges in edge order.
  function forEachNeighbor(v, out, into, ends, fn) {
    const o = out ? outRow[v] : [];
    const i = into ? inRow[v] : [];
    let a = 0, b = 0;
    while (a < o.length || b < i.length) {
      if (a < o.length && (b === i.length || edges[o[a]].to <= edges[i[b]].from)) {
        const k = o[a++];
        const w = edges[k].to;
        if (edgeOk(k) && vertexOk(w, ends)) fn(w, k, true);
      } else {
        const k = i[b++];
        const w = edges[k].from;
        if (edgeOk(k) && vertexOk(w, ends)) fn(w, k, false);
      }
    }
  }
  function vertexOk(v, ends) { return v === ends.s || v === ends.t || nodeShown(v); }
  const FORWARD = 1, BACKWARD = 2;

  // The shortest path from s to t: {nodes, hops: [{edge, along}]}, or null.
  function shortestPath(s, t) {
    const ends = { s, t };
    const directed = filter.directed;
    if (s === t) return { nodes: [s], hops: [] };
    const side = new Uint8Array(nodes.length);
    const distB = new Int32Array(nodes.length).fill(-1);
    const distF = new Int32Array(nodes.length).fill(-1);
    const orderF = new Uint32Array(nodes.length);
    const parentF = new Int32Array(nodes.length).fill(-1);
    distF[s] = 0;
    distB[t] = 0;
    side[s] |= FORWARD;
    side[t] |= BACKWARD;
    let rank = 1;
    let frontF = [s], frontB = [t];
    let meets = [];
    const cost = (front) => front.reduce((sum, v) => sum + degree[v], 0);
    while (frontF.length && frontB.length) {
      const next = [];
      if (cost(frontF) <= cost(frontB)) {
        for (const u of frontF) {
          forEachNeighbor(u, true, !directed, ends, (w) => {
            const reached = side[w];
            if (reached & FORWARD) return;
            side[w] = reached | FORWARD;
            distF[w] = distF[u] + 1;
            parentF[w] = u;
            orderF[w] = rank++;
            next.push(w);
            if (reached & BACKWARD) meets.push(w);
          });
        }
        frontF = next;
      } else {
        for (const u of frontB) {
          forEachNeighbor(u, !directed, true, ends, (w) => {
            const reached = side[w];
            if (reached & BACKWARD) return;
            side[w] = reached | BACKWARD;
            distB[w] = distB[u] + 1;
            next.push(w);
            if (reached & FORWARD) meets.push(w);
          });
        }
        frontB = next;
      }
      if (meets.length) break;
    }
    if (!meets.length) return null;
    meets.sort((a, b) => orderF[a] - orderF[b]);
    const path = { nodes: [], hops: [] };
    for (let v = meets[0]; v !== -1; v = parentF[v]) path.nodes.push(v);
    path.nodes.reverse();
    // Down the backward distances: the smallest neighbour one step closer to t.
    for (let v = meets[0]; v !== t;) {
      let next = -1;
      forEachNeighbor(v, true, !directed, ends, (w) => {
        if (next === -1 && distB[w] !== -1 && distB[w] === distB[v] - 1) next = w;
      });
      if (next === -1) throw new Error('path search lost its way back');
      path.nodes.push(next);
      v = next;
    }
    for (let k = 0; k + 1 < path.nodes.length; ++k) {
      path.hops.push(firstEdgeBetween(path.nodes[k], path.nodes[k + 1]));
    }
    return path;
  }
  // The first edge u -> w the filter lets through (out-row first, then, both ways, w -> u).
  function firstEdgeBetween(u, w) {
    for (const k of outRow[u]) if (edges[k].to === w && edgeOk(k)) return { edge: k, along: true };
    if (!filter.directed) {
      for (const k of inRow[u]) if (edges[k].from === w && edgeOk(k)) return { edge: k, along: false };
    }
    return null;
  }

  // ---- The drawing: ids, hit areas, keyboard access ----
  const nodeEl = nodes.map((n, k) => svg.getElementById('n' + k));
  const edgeEl = edges.map((e, k) => svg.getElementById('e' + k));
  nodeEl.forEach((g, k) => {
    if (!g) return;
    g.setAttribute('data-id', nodes[k].id);
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', nodes[k].name + ' (' + nodes[k].type + ')');
  });
  const edgeKey = (e) => [nodes[e.from].id, e.type, nodes[e.to].id, e.date].join('|');
  edgeEl.forEach((g, k) => {
    if (!g) return;
    g.setAttribute('data-key', edgeKey(edges[k]));
    const line = g.querySelector('path');
    if (line) {
      const hit = line.cloneNode(false);
      hit.setAttribute('class', 'hit');
      hit.removeAttribute('stroke-dasharray');
      line.parentNode.appendChild(hit);
    }
  });

  // ---- Pan and zoom, by the SVG's viewBox ----
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  const whole = svg.viewBox.baseVal;
  const home = { x: whole.x, y: whole.y, w: whole.width, h: whole.height };
  let view = Object.assign({}, home);
  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].join(' '));
  }
  function toSvg(clientX, clientY) {
    const p = svg.createSVGPoint();
    p.x = clientX;
    p.y = clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(factor, at) {
    const w = Math.min(Math.max(view.w * factor, home.w / 200), home.w * 20);
    const f = w / view.w;
    const c = at || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    setView({ x: c.x - (c.x - view.x) * f, y: c.y - (c.y - view.y) * f, w: view.w * f, h: view.h * f });
  }
  function fit() { setView(Object.assign({}, home)); }
  // Centres the drawing on an element, zoomed in so that it reads well.
  function centreOn(g) {
    const box = g.getBBox();
    const m = svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
    const p = svg.createSVGPoint();
    p.x = box.x + box.width / 2;
    p.y = box.y + box.height / 2;
    const c = p.matrixTransform(m);
    const w = Math.min(view.w, Math.max(box.width * 8, home.w / 50, 300));
    const h = view.h * (w / view.w);
    setView({ x: c.x - w / 2, y: c.y - h / 2, w, h });
  }
  // Fits the view to a set of elements, with a margin.
  function fitTo(elements) {
    const inverse = svg.getScreenCTM().inverse();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const g of elements) {
      const box = g.getBBox();
      const m = inverse.multiply(g.getScreenCTM());
      for (const [x, y] of [[box.x, box.y], [box.x + box.width, box.y + box.height]]) {
        const p = svg.createSVGPoint();
        p.x = x;
        p.y = y;
        const q = p.matrixTransform(m);
        x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
      }
    }
    if (!(x1 > x0)) return;
    const margin = Math.max(x1 - x0, y1 - y0) * 0.08 + 20;
    setView({ x: x0 - margin, y: y0 - margin, w: x1 - x0 + 2 * margin, h: y1 - y0 + 2 * margin });
  }
  canvas.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    zoom(Math.exp(ev.deltaY * 0.0015), toSvg(ev.clientX, ev.clientY));
  }, { passive: false });
  let drag = null;
  let dragged = false;
  canvas.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, view: Object.assign({}, view), scale: 1 / svg.getScreenCTM().a };
    dragged = false;
  });
  window.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    dragged = true;
    canvas.classList.add('dragging');
    setView({ x: drag.view.x - dx * drag.scale, y: drag.view.y - dy * drag.scale, w: drag.view.w, h: drag.view.h });
  });
  window.addEventListener('pointerup', () => {
    drag = null;
    canvas.classList.remove('dragging');
  });
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.4));
  $('zoom-out').addEventListener('click', () => zoom(1.4));
  $('zoom-fit').addEventListener('click', fit);

  // ---- Selection and the panel ----
  const panel = $('panel');
  const content = $('panel-content');
  let selected = null;
  function select(g) {
    if (selected) selected.classList.remove('selected');
    selected = g;
    if (g) g.classList.add('selected');
  }
  function openPanel(build) {
    content.replaceChildren();
    for (const a of ['data-node', 'data-edge', 'data-doc']) content.removeAttribute(a);
    build(content);
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function closePanel() {
    panel.hidden = true;
    select(null);
  }
  $('panel-close').addEventListener('click', closePanel);

  function nodeLink(v) {
    return button(nodes[v].name, () => showNode(v, true), 'linklike node-link');
  }
  function sourcesText(e) {
    const docsText = e.sources === 1 ? '1 source' : e.sources + ' sources';
    return docsText + ', ' + e.independent + ' independent';
  }
  function propsTable(props) {
    const keys = Object.keys(props || {});
    if (!keys.length) return null;
    const table = el('table', 'props');
    for (const key of keys) {
      const row = el('tr');
      row.append(el('th', '', key));
      const value = props[key];
      row.append(el('td', '', typeof value === 'string' ? value : JSON.stringify(value)));
      table.append(row);
    }
    return table;
  }
  function citationList(e, back) {
    const list = el('div', 'citations');
    for (const [doc, quote] of e.cites) {
      const c = el('div', 'citation');
      c.append(button(docs[doc].name, () => showDocument(doc, quote, back), 'linklike doc-link'));
      c.append(document.createTextNode(': “'));
      c.append(el('span', 'quote', quote));
      c.append(document.createTextNode('”'));
      list.append(c);
    }
    return list;
  }
  // One edge as a node's panel lists it: the other end, date, evidence, props, citations.
  function edgeEntry(k, v, back) {
    const e = edges[k];
    const entry = el('div', 'edge-entry' + (edgeShown(k) ? '' : ' filtered'));
    entry.setAttribute('data-key', edgeKey(e));
    const head = el('div', 'edge-head');
    const outgoing = e.from === v;
    head.append(document.createTextNode(outgoing ? e.type + ' → ' : '← ' + e.type + ' · '));
    head.append(nodeLink(outgoing ? e.to : e.from));
    if (e.date) head.append(el('span', 'edge-date', e.date));
    head.append(el('span', 'edge-count', sourcesText(e)));
    entry.append(head);
    const props = propsTable(e.props);
    if (props) entry.append(props);
    entry.append(citationList(e, back));
    return entry;
  }
  function pathButtons(v) {
    const row = el('div', 'path-actions');
    row.append(button('path from here', () => setEnd('from', v), 'path-from'));
    row.append(button('path to here', () => setEnd('to', v), 'path-to'));
    row.append(button('centre', () => nodeEl[v] && centreOn(nodeEl[v]), 'centre'));
    return row;
  }
  function showNode(v, centre) {
    const n = nodes[v];
    select(nodeEl[v]);
    if (centre && nodeEl[v]) centreOn(nodeEl[v]);
    const back = () => showNode(v, false);
    openPanel((p) => {
      p.setAttribute('data-node', n.id);
      const h = el('h2', 'panel-name', n.name);
      p.append(h);
      const meta = el('div', 'panel-meta');
      meta.append(el('span', 'panel-type', n.type));
      meta.append(document.createTextNode(' · '));
      meta.append(el('code', 'panel-id', n.id));
      p.append(meta);
      if (n.aliases.length) {
        p.append(el('h3', '', 'Also known as'));
        const ul = el('ul', 'aliases');
        for (const a of n.aliases) ul.append(el('li', '', a));
        p.append(ul);
      }
      const props = propsTable(n.props);
      if (props) {
        p.append(el('h3', '', 'Properties'));
        p.append(props);
      }
      p.append(pathButtons(v));
      // Edges grouped by type, out before in, each group in edge order.
      const groups = new Map();
      const add = (k, out) => {
        const key = edges[k].type + (out ? ' →' : ' ←');
        if (!groups.has(key)) groups.set(key, { type: edges[k].type, out, list: [] });
        groups.get(key).list.push(k);
      };
      for (const k of outRow[v]) add(k, true);
      for (const k of inRow[v]) if (edges[k].from !== v) add(k, false);
      const ordered = [...groups.values()].sort((a, b) =>
        a.type < b.type ? -1 : a.type > b.type ? 1 : (a.out ? 0 : 1) - (b.out ? 0 : 1));
      if (!ordered.length) p.append(el('p', 'hint', 'No edges in this view.'));
      for (const g of ordered) {
        const heading = g.out ? g.type + ' → (' + g.list.length + ')' : '← ' + g.type + ' (' + g.list.length + ')';
        p.append(el('h3', 'edge-group', heading));
        g.list.sort((a, b) => a - b);
        for (const k of g.list) p.append(edgeEntry(k, v, back));
      }
    });
  }
  function showEdge(k) {
    const e = edges[k];
    select(edgeEl[k]);
    const back = () => showEdge(k);
    openPanel((p) => {
      p.setAttribute('data-edge', edgeKey(e));
      const h = el('h2', 'panel-name');
      h.append(nodeLink(e.from), document.createTextNode(' —' + e.type + '→ '), nodeLink(e.to));
      p.append(h);
      const meta = el('div', 'panel-meta');
      if (e.date) meta.append(el('span', 'edge-date', e.date));
      meta.append(el('span', 'edge-count', sourcesText(e)));
      p.append(meta);
      const props = propsTable(e.props);
      if (props) p.append(props);
      p.append(el('h3', '', 'Citations'));
      p.append(citationList(e, back));
    });
  }

  // A quote located in its document's text as the engine compares them: runs of white space
  // alike, and the kinds of quotation marks and dashes alike.
  const SINGLE = "['\u2018\u2019\u201A\u201B\u2032\u02BC]";
  const DOUBLE = '["\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]';
  const DASH = '[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]';
  function quotePattern(quote) {
    let source = '';
    for (const ch of quote.trim()) {
      if (/\s/u.test(ch)) {
        if (!source.endsWith('\\s+')) source += '\\s+';
      } else if (new RegExp(SINGLE, 'u').test(ch)) {
        source += SINGLE;
      } else if (new RegExp(DOUBLE, 'u').test(ch)) {
        source += DOUBLE;
      } else if (new RegExp(DASH, 'u').test(ch)) {
        source += DASH;
      } else {
        source += ch.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
      }
    }
    return new RegExp(source, 'u');
  }
  function showDocument(doc, quote, back) {
    const d = docs[doc];
    openPanel((p) => {
      p.setAttribute('data-doc', d.id);
      p.append(button('← back', back, 'linklike back'));
      p.append(el('h2', 'panel-name', d.name));
      p.append(el('code', 'panel-id', d.id));
      const text = el('div', 'doc-text');
      if (d.text === null) {
        text.append(el('em', '', 'This document has no stored text.'));
      } else {
        const found = quote ? quotePattern(quote).exec(d.text) : null;
        if (found) {
          const mark = el('mark', '', found[0]);
          text.append(document.createTextNode(d.text.slice(0, found.index)), mark,
            document.createTextNode(d.text.slice(found.index + found[0].length)));
          p.append(text);
          mark.scrollIntoView({ block: 'center' });
          return;
        }
        text.textContent = d.text;
      }
      p.append(text);
    });
  }

  canvas.addEventListener('click', (ev) => {
    if (dragged) {
      dragged = false;
      return;
    }
    const g = ev.target.closest('g.node, g.edge');
    if (!g) return;
    const k = Number(g.id.slice(1));
    if (g.classList.contains('node')) showNode(k, false);
    else showEdge(k);
  });
  canvas.addEventListener('keydown', (ev) => {
    const g = ev.target.closest && ev.target.closest('g.node');
    if (g && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      showNode(Number(g.id.slice(1)), false);
    }
  });

  // ---- Search: names and aliases as `find` folds them (case, accents, punctuation) ----
  const SPECIAL = { 'ı': 'i', 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ħ': 'h', 'æ': 'ae', 'œ': 'oe', 'þ': 'th' };
  const IGNORED = /[\p{M}\p{P}\p{S}\p{Z}\p{C}]/u;
  function fold(text) {
    let out = '';
    for (const ch of text.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ').normalize('NFKD')) {
      if (IGNORED.test(ch)) continue;
      out += SPECIAL[ch] || ch;
    }
    return out;
  }
  const searchBox = $('search');
  const results = $('results');
  let hits = [];
  let active = -1;
  // Edit distance in code points, or limit + 1 once it must exceed limit.
  function distance(a, b, limit) {
    const x = [...a], y = [...b];
    if (Math.abs(x.length - y.length) > limit) return limit + 1;
    let row = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; ++i) {
      const next = [i];
      let least = i;
      for (let j = 1; j <= y.length; ++j) {
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        least = Math.min(least, next[j]);
      }
      if (least > limit) return limit + 1;
      row = next;
    }
    return row[y.length];
  }
  // As `ergraph find`: exact matches, then prefixes, then substrings, each in id order; then
  // close spellings (at most a third of the letters changed), closest first.
  function search(text) {
    const q = fold(text);
    if (!q) return [];
    const limit = Math.max(1, Math.floor(([...q].length + 2) / 3));
    const found = [];
    nodes.forEach((n, v) => {
      let kind = 4, near = limit + 1;
      for (const key of n.keys) {
        if (key === q) kind = 0;
        else if (kind > 1 && key.startsWith(q)) kind = 1;
        else if (kind > 2 && key.includes(q)) kind = 2;
        else if (kind > 3) near = Math.min(near, distance(key, q, limit));
      }
      if (kind === 4 && near <= limit) kind = 3;
      if (kind < 4) found.push({ v, kind, near });
    });
    found.sort((a, b) => a.kind - b.kind || (a.kind === 3 ? a.near - b.near : 0) ||
      (nodes[a.v].id < nodes[b.v].id ? -1 : nodes[a.v].id > nodes[b.v].id ? 1 : 0));
    return found.slice(0, 50).map((f) => f.v);
  }
  function showResults() {
    results.replaceChildren();
    hits.forEach((v, i) => {
      const li = el('li', i === active ? 'active' : '');
      const b = button('', () => choose(v), 'result');
      b.setAttribute('data-id', nodes[v].id);
      b.append(el('span', 'name', nodes[v].name), el('span', 'type', nodes[v].type));
      li.append(b);
      results.append(li);
    });
  }
  let found = null;
  function choose(v) {
    if (found) found.classList.remove('found');
    found = nodeEl[v];
    if (found) found.classList.add('found');
    hits = [];
    showResults();
    showNode(v, true);
  }
  searchBox.addEventListener('input', () => {
    hits = search(searchBox.value);
    active = hits.length ? 0 : -1;
    showResults();
  });
  searchBox.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!hits.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      showResults();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      if (hits.length) choose(hits[Math.max(active, 0)]);
    }
  });

  // ---- Filters, and the legend they double as ----
  function swatch(kind, color, fill, shape) {
    const s = el('span', 'swatch ' + kind);
    s.style.borderColor = color;
    if (fill) s.style.background = fill;
    if (['ellipse', 'oval', 'circle', 'doublecircle', 'point'].includes(shape)) s.classList.add('ellipse');
    return s;
  }
  function typeBox(fieldset, type, set, sw) {
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-type', type);
    box.addEventListener('change', () => {
      if (box.checked) set.delete(type);
      else set.add(type);
      applyFilters();
    });
    label.append(box, sw, document.createTextNode(type));
    fieldset.append(label);
  }
  for (const t of data.node_types) typeBox($('node-types'), t.name, filter.hiddenNodeTypes, swatch('', t.color, t.fill, t.shape));
  for (const t of data.edge_types) typeBox($('edge-types'), t.name, filter.hiddenEdgeTypes, swatch('line', t.color));

  // A date as YYYY, YYYY-MM or YYYY-MM-DD to the days it covers, or null.
  function dateRange(text) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return null;
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) : null;
    const d = m[3] ? Number(m[3]) : null;
    if (mo !== null && (mo < 1 || mo > 12)) return null;
    const days = (mm) => new Date(Date.UTC(y, mm, 0)).getUTCDate();
    if (d !== null && (d < 1 || d > days(mo))) return null;
    const at = (mm, dd) => y * 10000 + mm * 100 + dd;
    if (mo === null) return { first: at(1, 1), last: at(12, 31) };
    if (d === null) return { first: at(mo, 1), last: at(mo, days(mo)) };
    return { first: at(mo, d), last: at(mo, d) };
  }
  function readDates() {
    const from = $('date-from').value.trim(), to = $('date-to').value.trim();
    const error = $('date-error');
    error.textContent = '';
    if (!from && !to) return null;
    const a = from ? dateRange(from) : { first: 0, last: 0 };
    const b = to ? dateRange(to) : { first: 99991231, last: 99991231 };
    if (!a || !b) {
      error.textContent = 'Write dates as YYYY, YYYY-MM or YYYY-MM-DD.';
      return null;
    }
    if (a.first > b.last) {
      error.textContent = 'The first date is after the second.';
      return null;
    }
    return { first: a.first, last: b.last };
  }
  function applyFilters() {
    filter.window = readDates();
    filter.datedOnly = $('dated-only').checked;
    filter.minSources = Math.max(1, Math.floor(Number($('min-sources').value) || 1));
    filter.directed = $('directed').checked;
    let shownNodes = 0, shownEdges = 0;
    nodeEl.forEach((g, v) => {
      const on = nodeShown(v);
      shownNodes += on;
      if (g) g.classList.toggle('hidden', !on);
    });
    edgeEl.forEach((g, k) => {
      const on = edgeShown(k);
      shownEdges += on;
      if (g) g.classList.toggle('hidden', !on);
    });
    $('shown').textContent = shownNodes + ' of ' + nodes.length + ' nodes and ' + shownEdges +
      ' of ' + edges.length + ' edges shown';
    findPath();
  }
  for (const id of ['date-from', 'date-to', 'min-sources']) $(id).addEventListener('input', applyFilters);
  for (const id of ['dated-only', 'directed']) $(id).addEventListener('change', applyFilters);

  // ---- The path finder's ends, answer and highlight ----
  const ends = { from: null, to: null };
  let onPath = [];
  function setEnd(which, v) {
    ends[which] = v;
    const dd = $('path-' + which);
    dd.replaceChildren(nodeLink(v));
    dd.setAttribute('data-id', nodes[v].id);
    findPath();
    if (onPath.length) fitTo(onPath);
  }
  function clearHighlight() {
    for (const g of onPath) g.classList.remove('on-path');
    onPath = [];
    canvas.classList.remove('has-path');
  }
  function findPath() {
    const out = $('path-result');
    clearHighlight();
    out.replaceChildren();
    if (ends.from === null || ends.to === null) return;
    const path = shortestPath(ends.from, ends.to);
    if (!path) {
      out.append(el('p', 'no-path', 'No path from ' + nodes[ends.from].name + ' to ' +
        nodes[ends.to].name + ' with these filters.'));
      return;
    }
    const head = el('p', 'path-length', path.hops.length === 1 ? '1 hop ' : path.hops.length + ' hops ');
    head.append(button('show it', () => fitTo(onPath), 'path-show'));
    out.append(head);
    const list = el('ol', 'path-list');
    path.nodes.forEach((v, i) => {
      if (nodeEl[v]) onPath.push(nodeEl[v]);
      const item = el('li', 'path-node');
      item.setAttribute('data-id', nodes[v].id);
      item.append(nodeLink(v));
      if (i < path.hops.length) {
        const hop = path.hops[i];
        const e = edges[hop.edge];
        if (edgeEl[hop.edge]) onPath.push(edgeEl[hop.edge]);
        const h = el('div', 'path-hop');
        h.setAttribute('data-key', edgeKey(e));
        h.append(el('span', 'hop-type', hop.along ? '—' + e.type + '→' : '←' + e.type + '—'));
        if (e.date) h.append(el('span', 'edge-date', e.date));
        h.append(citationList(e, () => showEdge(hop.edge)));
        item.append(h);
      }
      list.append(item);
    });
    out.append(list);
    for (const g of onPath) g.classList.add('on-path');
    if (onPath.length) canvas.classList.add('has-path');
  }
  $('path-clear').addEventListener('click', () => {
    ends.from = ends.to = null;
    for (const which of ['from', 'to']) {
      $('path-' + which).textContent = '—';
      $('path-' + which).removeAttribute('data-id');
    }
    findPath();
  });

  // ---- Keyboard: Escape closes the results, then the panel; + - 0 zoom ----
  document.addEventListener('keydown', (ev) => {
    const typing = ev.target instanceof HTMLInputElement;
    if (ev.key === 'Escape') {
      if (hits.length) {
        hits = [];
        showResults();
      } else if (!panel.hidden) {
        closePanel();
      }
    } else if (!typing && (ev.key === '+' || ev.key === '=')) {
      zoom(1 / 1.4);
    } else if (!typing && ev.key === '-') {
      zoom(1.4);
    } else if (!typing && ev.key === '0') {
      fit();
    } else if (!typing && ev.key === '/') {
      ev.preventDefault();
      searchBox.focus();
    }
  });

  applyFilters();
  fit();
  document.body.setAttribute('data-ready', 'true');
})();
