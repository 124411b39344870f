/* Safe Markdown: the text is HTML-escaped first, then a small set of constructs is turned into
   markup (fenced and inline code, headers, bold, italics, lists, http(s) links). Nothing the
   model or a user writes can become live HTML. */
(function () {
  'use strict';
  function esc(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function inline(s) {
    return s
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" rel="noopener noreferrer" target="_blank">$1</a>');
  }
  function render(text) {
    var parts = String(text || '').split(/```/);
    var html = '';
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var nl = part.indexOf('\n');
        var code = nl >= 0 ? part.slice(nl + 1) : part;
        html += '<pre class="bh-pre"><code>' + esc(code.replace(/\n$/, '')) + '</code></pre>';
        return;
      }
      var list = null;
      esc(part).split('\n').forEach(function (line) {
        var h = /^(#{1,4})\s+(.*)$/.exec(line);
        var li = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
        if (li) {
          if (!list) { html += '<ul>'; list = true; }
          html += '<li>' + inline(li[1]) + '</li>';
          return;
        }
        if (list) { html += '</ul>'; list = null; }
        if (h) {
          var level = Math.min(h[1].length + 2, 6);
          html += '<h' + level + '>' + inline(h[2]) + '</h' + level + '>';
        } else if (line.trim() === '') {
          html += '<br>';
        } else {
          html += '<p>' + inline(line) + '</p>';
        }
      });
      if (list) { html += '</ul>'; }
    });
    return html;
  }
  window.BrainhairMarkdown = { render: render, escape: esc };
})();
