/* The trin page: fills itself from data.json every few seconds, draws the health plots on canvases. No library. */
(function () {
  'use strict';
  var page = document.getElementById('trin');
  // Absolute, from the origin: a page opened as http://user:password@host/... would otherwise hand its
  // credentials to every request URL, which fetch() refuses.
  var root = window.location.origin + page.getAttribute('data-root');
  var PLOTS = [
    { key: 'cpu', title: 'CPU %', max: 100 },
    { key: 'memory', title: 'Memory %', max: 100 },
    { key: 'disk', title: 'Disk %', max: 100 },
    { key: 'temperature', title: 'Temperature \u00b0C', max: null }
  ];

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  function time(iso) { return iso ? new Date(iso).toLocaleString() : '\u2013'; }

  function renderStatus(s) {
    var t = document.getElementById('tr-status');
    clear(t);
    function row(name, value, cls) {
      var tr = el('tr');
      tr.appendChild(el('td', name));
      var td = el('td', value === null || value === undefined ? '\u2013' : value, cls);
      tr.appendChild(td);
      t.appendChild(tr);
    }
    row('state', s.state, 'tr-state ' + s.state);
    if (s.reason) { row('reason', s.reason); }
    if (s.setup) { row('set-up', s.setup); }
    row('broker', s.broker);
    row('UID', s.uid);
    row('CID', s.cid);
    row('last connect', time(s.lastConnect));
    row('last disconnect', s.lastDisconnect ? time(s.lastDisconnect) + ' (' + (s.lastDisconnectReason || '') + ')' : null);
    if (s.counters) {
      row('reconnects', s.counters.reconnects);
      row('outbox', s.outboxDepth + ' waiting');
      row('messages', 'sent ' + s.counters.sent + ', received ' + s.counters.received + ', replies '
        + s.counters.replies + ', errors ' + s.counters.errors + ', dropped ' + s.counters.dropped);
    }
  }

  function renderList(id, items, text) {
    var ul = document.getElementById(id);
    clear(ul);
    if (!items.length) { ul.appendChild(el('li', 'none')); }
    items.forEach(function (i) { ul.appendChild(el('li', text(i))); });
  }

  function renderMessages(messages) {
    var body = document.getElementById('tr-messages');
    clear(body);
    messages.forEach(function (m) {
      var tr = el('tr', null, 'tr-message');
      tr.appendChild(el('td', time(m.time)));
      tr.appendChild(el('td', m.direction === 'IN' ? 'in' : 'out', 'tr-dir-' + m.direction));
      tr.appendChild(el('td', m.topic, 'tr-topic'));
      tr.appendChild(el('td', m.size));
      tr.appendChild(el('td', m.payload, 'tr-payload'));
      body.appendChild(tr);
    });
  }

  function plot(container, spec, history) {
    var points = history.filter(function (h) { return typeof h[spec.key] === 'number'; });
    if (spec.key === 'temperature' && !points.length) { return; }
    var box = el('div', null, 'tr-plot');
    box.setAttribute('data-key', spec.key);
    var last = points.length ? points[points.length - 1][spec.key] : null;
    box.appendChild(el('div', spec.title + (last === null ? '' : ': ' + last), 'tr-plot-title'));
    var canvas = el('canvas');
    canvas.width = 320; canvas.height = 120;
    canvas.setAttribute('data-points', String(points.length));
    box.appendChild(canvas);
    container.appendChild(box);
    var g = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, left = 30, bottom = 14;
    var now = Date.now(), from = now - 3600 * 1000;
    var max = spec.max;
    if (max === null) {
      max = 10;
      points.forEach(function (p) { max = Math.max(max, Math.ceil(p[spec.key] / 10) * 10); });
    }
    g.strokeStyle = '#ddd'; g.fillStyle = '#666'; g.font = '10px sans-serif'; g.lineWidth = 1;
    [0, 0.5, 1].forEach(function (f) {
      var y = (h - bottom) - f * (h - bottom - 4);
      g.beginPath(); g.moveTo(left, y); g.lineTo(w, y); g.stroke();
      g.fillText(String(Math.round(max * f)), 2, y + 3);
    });
    g.fillText('-60 min', left, h - 2);
    g.fillText('now', w - 22, h - 2);
    g.strokeStyle = '#0969da'; g.lineWidth = 1.5;
    g.beginPath();
    points.forEach(function (p, i) {
      var x = left + (new Date(p.time).getTime() - from) / (now - from) * (w - left);
      var y = (h - bottom) - Math.min(p[spec.key], max) / max * (h - bottom - 4);
      if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
    });
    g.stroke();
    g.fillStyle = '#0969da';
    points.forEach(function (p) {
      var x = left + (new Date(p.time).getTime() - from) / (now - from) * (w - left);
      var y = (h - bottom) - Math.min(p[spec.key], max) / max * (h - bottom - 4);
      g.fillRect(x - 1, y - 1, 2, 2);
    });
  }

  function renderPlots(history) {
    var container = document.getElementById('tr-plots');
    clear(container);
    PLOTS.forEach(function (spec) { plot(container, spec, history); });
  }

  function refresh() {
    fetch(root + '/data.json', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (d) {
        renderStatus(d.status);
        renderList('tr-apps', d.applications, function (a) { return a.pid + ' (' + a.bundle + ')'; });
        renderList('tr-reporters', d.reporters, function (r) {
          return (r.component || r.bundle) + ' (' + r.scope + ', ' + r.bundle + ')';
        });
        renderMessages(d.messages);
        renderPlots(d.history);
        page.setAttribute('data-updated', String(Date.now()));
      })
      .catch(function (e) { document.getElementById('tr-action-result').textContent = 'Not updated: ' + e.message; });
  }

  function action(name) {
    var result = document.getElementById('tr-action-result');
    fetch(root + '/action', { method: 'POST', credentials: 'same-origin', headers: { 'X-Trin-Action': name } })
      .then(function (r) { return r.json(); })
      .then(function (d) { result.textContent = d.done ? name + ': done' : name + ': not done (not connected)'; refresh(); })
      .catch(function (e) { result.textContent = name + ' failed: ' + e.message; });
  }

  document.getElementById('tr-report').addEventListener('click', function () { action('report'); });
  document.getElementById('tr-restart').addEventListener('click', function () { action('restart'); });
  refresh();
  setInterval(refresh, 3000);
}());
