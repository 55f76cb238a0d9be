// Campaign progress page: draws the stage graph with vis-network; each stage box carries a progress
// bar of files done / submitted. Sets data-drawn="1" on the container once drawn (the browser tests
// wait for it). The table below the graph shows the same numbers without this script.
(function () {
  var box = document.getElementById('progress-graph');
  if (!box || typeof vis === 'undefined') return;
  var graph = JSON.parse(box.getAttribute('data-graph'));
  var W = 190;
  var H = 70;
  var phone = window.innerWidth < 768;

  function roundRect(ctx, x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  function fit(ctx, text, width) {
    if (ctx.measureText(text).width <= width) return text;
    while (text.length > 1 && ctx.measureText(text + '…').width > width) text = text.slice(0, -1);
    return text + '…';
  }

  // One stage (or the campaign): name, bar, "pct% · done/submitted", then its counts line.
  function renderer(n) {
    return function (args) {
      var ctx = args.ctx;
      var left = args.x - W / 2;
      var top = args.y - H / 2;
      return {
        drawNode: function () {
          roundRect(ctx, left, top, W, H, 6);
          ctx.fillStyle = n.kind === 'campaign' ? '#f8f8f9' : '#ffffff';
          ctx.fill();
          ctx.lineWidth = args.state.selected || args.state.hover ? 2.5 : 1.2;
          ctx.strokeStyle = args.state.selected ? '#2185d0' : '#a0a0a0';
          ctx.stroke();
          ctx.fillStyle = '#1b1c1d';
          ctx.font = 'bold 13px Lato, Helvetica, Arial, sans-serif';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'top';
          ctx.fillText(fit(ctx, n.name, W - 16), left + 8, top + 6);
          var pct = n.pct === null ? 0 : n.pct;
          roundRect(ctx, left + 8, top + 26, W - 16, 10, 3);
          ctx.fillStyle = '#e8e8e8';
          ctx.fill();
          if (pct > 0) {
            roundRect(ctx, left + 8, top + 26, Math.max(6, ((W - 16) * pct) / 100), 10, 3);
            ctx.fillStyle = pct >= 100 ? '#21ba45' : '#2185d0';
            ctx.fill();
          }
          ctx.font = '11px Lato, Helvetica, Arial, sans-serif';
          ctx.fillStyle = '#333333';
          var files =
            n.pct === null ? 'no files counted' : n.pct + '% · ' + n.done + '/' + n.submitted + ' files';
          ctx.fillText(fit(ctx, files, W - 16), left + 8, top + 39);
          ctx.fillStyle = '#767676';
          ctx.fillText(fit(ctx, n.line, W - 16), left + 8, top + 53);
        },
        nodeDimensions: { width: W, height: H },
      };
    };
  }

  var placed = graph.layout === 'positions';
  box.setAttribute('data-layout', graph.layout);
  var xs = graph.nodes.filter(function (n) {
    return n.x !== null;
  });
  var minX = Math.min.apply(
    null,
    xs
      .map(function (n) {
        return n.x;
      })
      .concat([0]),
  );
  // Arrow labels are measured so that boxes stand far enough apart for them (never under a box).
  var measure = document.createElement('canvas').getContext('2d');
  measure.font = '11px Lato, Helvetica, Arial, sans-serif';
  function labelWidth(text) {
    return text ? measure.measureText(text).width + 12 : 0;
  }
  var widestLabel = Math.max.apply(null, graph.edges.map(function (e) { return labelWidth(e.label); }).concat([0]));
  var at = {};
  graph.nodes.forEach(function (n) {
    at[n.id] = placed ? { x: n.x !== null ? n.x : minX - 260, y: n.y !== null ? n.y : 0 } : null;
  });
  if (placed) {
    // The editor's positions (or the original POMS's tighter ones) stretched until no two boxes
    // overlap and every label fits between its boxes: one factor across, one down, at most 4×.
    var labelBetween = {};
    graph.edges.forEach(function (e) {
      var w = labelWidth(e.label);
      [e.from + '|' + e.to, e.to + '|' + e.from].forEach(function (k) { labelBetween[k] = Math.max(labelBetween[k] || 0, w); });
    });
    var sx = 1;
    var sy = 1;
    var ids = Object.keys(at);
    for (var i = 0; i < ids.length; i++)
      for (var j = i + 1; j < ids.length; j++) {
        var a = at[ids[i]];
        var b = at[ids[j]];
        var dx = Math.abs(a.x - b.x);
        var dy = Math.abs(a.y - b.y);
        var needX = W + 30 + (labelBetween[ids[i] + '|' + ids[j]] || 0);
        var needY = H + 24;
        if (dy >= needY || dx >= needX) continue;
        if (dx >= dy && dx > 0) sx = Math.max(sx, Math.min(4, needX / dx));
        else if (dy > 0) sy = Math.max(sy, Math.min(4, needY / dy));
      }
    ids.forEach(function (id) { at[id] = { x: at[id].x * sx, y: at[id].y * sy }; });
  }
  // An arrow whose straight line would cross another box bends around it.
  var BEND = { enabled: true, type: 'curvedCW', roundness: 0.35 };
  function crossesABox(at, from, to) {
    var a = at[from];
    var b = at[to];
    if (!a || !b) return false;
    for (var t = 0.1; t < 0.95; t += 0.05) {
      var x = a.x + (b.x - a.x) * t;
      var y = a.y + (b.y - a.y) * t;
      for (var id in at) {
        var n = at[id];
        // Only boxes standing between the two ends (not those in either end's column) count.
        var between = n.x - W / 2 > Math.min(a.x, b.x) + 10 && n.x + W / 2 < Math.max(a.x, b.x) - 10;
        if (between && Math.abs(n.x - x) < W / 2 + 6 && Math.abs(n.y - y) < H / 2 + 6) return true;
      }
    }
    return false;
  }
  var nodes = graph.nodes.map(function (n) {
    var node = {
      id: n.id,
      shape: 'custom',
      ctxRenderer: renderer(n),
      title: n.url ? 'open stage ' + n.name : n.name,
    };
    if (placed) {
      node.x = at[n.id].x;
      node.y = at[n.id].y;
    }
    return node;
  });
  var edges = graph.edges.map(function (e) {
    var edge = {
      from: e.from,
      to: e.to,
      label: e.label || undefined,
      arrows: 'to',
      font: { size: 11, align: 'horizontal', background: '#ffffff' },
      color: { color: '#999' },
    };
    if (placed && crossesABox(at, e.from, e.to)) edge.smooth = BEND;
    return edge;
  });

  var options = {
    physics: false,
    interaction: { hover: true, zoomView: !phone, dragView: !phone, dragNodes: false },
    edges: { smooth: { type: 'cubicBezier', forceDirection: 'horizontal', roundness: 0.4 } },
    layout: placed
      ? {}
      : {
          hierarchical: {
            direction: 'LR',
            sortMethod: 'directed',
            levelSeparation: W + 40 + widestLabel,
            nodeSpacing: H + 40,
          },
        },
  };
  var edgeSet = new vis.DataSet(edges);
  var network = new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: edgeSet }, options);
  box.network = network; // for the browser tests
  if (!placed) {
    // The hierarchical layout has placed the boxes: bend the arrows that would cross one.
    var pos = network.getPositions();
    edgeSet.update(
      edgeSet.get().filter(function (e) { return crossesABox(pos, e.from, e.to); }).map(function (e) { return { id: e.id, smooth: BEND }; }),
    );
  }
  // vis-network's own fit() does not know the size of custom shapes: fit the boxes by hand, at most 1:1.
  function fitAll() {
    var pos = network.getPositions();
    var ids = Object.keys(pos);
    if (!ids.length) return;
    var xs = ids.map(function (id) {
      return pos[id].x;
    });
    var ys = ids.map(function (id) {
      return pos[id].y;
    });
    var minX = Math.min.apply(null, xs) - W / 2;
    var maxX = Math.max.apply(null, xs) + W / 2;
    var minY = Math.min.apply(null, ys) - H / 2;
    var maxY = Math.max.apply(null, ys) + H / 2;
    var scale = Math.min(1, (box.clientWidth - 16) / (maxX - minX), (box.clientHeight - 16) / (maxY - minY));
    network.moveTo({
      position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
      scale: scale,
      animation: false,
    });
  }
  var fitted = false;
  network.on('afterDrawing', function () {
    if (fitted) return;
    fitted = true;
    // Fitted once drawn and once more after vis-network's own first view settles (it can re-centre).
    window.requestAnimationFrame(function () {
      fitAll();
      window.setTimeout(function () {
        fitAll();
        box.setAttribute('data-drawn', '1');
      }, 150);
    });
  });
  network.on('click', function (p) {
    if (!p.nodes.length) return;
    var n = graph.nodes.filter(function (x) {
      return x.id === p.nodes[0];
    })[0];
    if (n && n.url) window.location.href = n.url;
  });
  network.on('hoverNode', function () {
    box.style.cursor = 'pointer';
  });
  network.on('blurNode', function () {
    box.style.cursor = 'default';
  });
})();
