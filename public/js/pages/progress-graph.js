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
  var nodes = graph.nodes.map(function (n) {
    var node = {
      id: n.id,
      shape: 'custom',
      ctxRenderer: renderer(n),
      title: n.url ? 'open stage ' + n.name : n.name,
    };
    if (placed) {
      node.x = n.x !== null ? n.x : minX - 260;
      node.y = n.y !== null ? n.y : 0;
    }
    return node;
  });
  var edges = graph.edges.map(function (e) {
    return {
      from: e.from,
      to: e.to,
      label: e.label || undefined,
      arrows: 'to',
      font: { size: 11, align: 'top' },
      color: { color: '#999' },
    };
  });

  var options = {
    physics: false,
    interaction: { hover: true, zoomView: !phone, dragView: !phone, dragNodes: false },
    edges: { smooth: { type: 'cubicBezier', forceDirection: 'horizontal', roundness: 0.4 } },
    layout: placed
      ? {}
      : { hierarchical: { direction: 'LR', sortMethod: 'directed', levelSeparation: 250, nodeSpacing: 100 } },
  };
  var network = new vis.Network(
    box,
    { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) },
    options,
  );
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
    window.requestAnimationFrame(function () {
      fitAll();
      box.setAttribute('data-drawn', '1');
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
