// Stage page: draws the stage's dependency neighbourhood with vis-network, left to right: the
// upstream stages, the stage itself (highlighted), the downstream stages; each arrow is
// labelled with the dependency's file pattern, a self-dependency (splits) is a loop on the stage.
// Clicking another stage opens its page. Sets data-nodes / data-edges (counts drawn) and then
// data-drawn="1" on the container once drawn (the browser tests wait for it); window.stageNeighbourhood
// exposes { network } for them. The linked list below the graph shows the same without this script.
(function () {
  var box = document.getElementById('stage-neighbourhood-graph');
  if (!box || typeof vis === 'undefined') return;
  var graph = JSON.parse(box.getAttribute('data-graph'));
  var phone = window.innerWidth < 768;

  // As tall as its tallest column, within bounds: one stage and a loop need little room.
  var rows = { 0: 0, 1: 1, 2: 0 };
  graph.nodes.forEach(function (n) {
    if (n.kind !== 'self') rows[n.level] += 1;
  });
  var tallest = Math.max(rows[0], rows[1], rows[2]);
  var hasLoop = graph.edges.some(function (e) {
    return e.loop;
  });
  var height = tallest * (phone ? 56 : 72) + (hasLoop ? 110 : 70);
  box.style.height = Math.max(phone ? 170 : 200, Math.min(phone ? 360 : 440, height)) + 'px';

  var byId = {};
  var nodes = new vis.DataSet(
    graph.nodes.map(function (n) {
      byId[n.id] = n;
      var self = n.kind === 'self';
      return {
        id: n.id,
        label: n.name,
        level: n.level,
        title: self ? n.name + ' (this stage)' : 'open stage ' + n.name,
        shape: 'box',
        margin: phone ? 8 : 10,
        widthConstraint: { maximum: phone ? 110 : 180 },
        borderWidth: self ? 2 : 1,
        color: self
          ? {
              background: '#2185d0',
              border: '#1a69a4',
              highlight: { background: '#2185d0', border: '#1a69a4' },
              hover: { background: '#1678c2', border: '#1a69a4' },
            }
          : {
              background: '#ffffff',
              border: '#a0a0a0',
              highlight: { background: '#ffffff', border: '#2185d0' },
              hover: { background: '#f4f8fc', border: '#2185d0' },
            },
        font: {
          face: 'Lato, Helvetica, Arial, sans-serif',
          size: phone ? 13 : 14,
          color: self ? '#ffffff' : '#1b1c1d',
        },
      };
    }),
  );
  var edges = new vis.DataSet(
    graph.edges.map(function (e) {
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        label: e.label,
        title: (e.loop ? 'next split on the output files ' : 'on the output files ') + e.label,
        arrows: 'to',
        font: { size: phone ? 11 : 12, align: e.loop ? 'middle' : 'top', color: '#555555' },
        color: { color: '#999999', highlight: '#999999', hover: '#777777' },
        selfReference: { size: phone ? 20 : 26, angle: Math.PI / 2, renderBehindTheNode: true },
      };
    }),
  );

  var network = new vis.Network(
    box,
    { nodes: nodes, edges: edges },
    {
      physics: false,
      interaction: {
        hover: true,
        dragNodes: false,
        dragView: false,
        zoomView: false,
        selectConnectedEdges: false,
      },
      edges: { smooth: { type: 'cubicBezier', forceDirection: 'horizontal', roundness: 0.4 } },
      layout: {
        hierarchical: {
          direction: 'LR',
          levelSeparation: phone ? 150 : 250,
          nodeSpacing: phone ? 56 : 72,
          sortMethod: 'directed',
        },
      },
    },
  );
  window.stageNeighbourhood = { network: network };

  // Fit the whole neighbourhood in the box with a margin for the loop and the labels, at most 1:1.
  function fitAll() {
    network.fit({ animation: false });
    var scale = Math.min(1, network.getScale() * 0.85);
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    var ys = ids.map(function (id) {
      return pos[id].y;
    });
    var xs = ids.map(function (id) {
      return pos[id].x;
    });
    var cx = (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2;
    // Shift down a little when the stage has a loop above it.
    var cy = (Math.min.apply(null, ys) + Math.max.apply(null, ys)) / 2 - (hasLoop ? 26 : 0);
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  }
  var drawn = false;
  network.on('afterDrawing', function () {
    if (drawn) return;
    drawn = true;
    window.requestAnimationFrame(function () {
      fitAll();
      box.setAttribute('data-nodes', String(nodes.length));
      box.setAttribute('data-edges', String(edges.length));
      box.setAttribute('data-drawn', '1');
    });
  });
  network.on('click', function (p) {
    if (!p.nodes.length) return;
    var n = byId[p.nodes[0]];
    if (n && n.url) window.location.href = n.url;
  });
  network.on('hoverNode', function (p) {
    var n = byId[p.node];
    box.style.cursor = n && n.url ? 'pointer' : 'default';
  });
  network.on('blurNode', function () {
    box.style.cursor = 'default';
  });
  window.addEventListener('resize', function () {
    if (drawn) fitAll();
  });
})();
