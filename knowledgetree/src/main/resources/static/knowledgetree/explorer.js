/*
 * KnowledgeTree explorer: one page driven by the JSON API. Every name and text from the server
 * is put into the page with textContent; only content_html (sanitised on the server with an
 * allow-list) is inserted as HTML.
 */
(function () {
  'use strict';

  var root = document.getElementById('kt');
  var base = root.dataset.base || '/';
  var canWrite = root.dataset.canWrite === 'true';
  var state = { folderId: root.dataset.folderId || 'root', article: null, dirty: false, view: 'grid', history: [], future: [] };
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    options = options || {};
    var headers = { Accept: 'application/json' };
    if (options.json !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(base + path, {
      method: options.method || 'GET', credentials: 'same-origin', headers: headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body
    }).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      var body = type.indexOf('json') >= 0 ? r.json() : r.text();
      return body.then(function (data) {
        if (!r.ok) { throw new Error((data && (data.detail || data.error)) || ('HTTP ' + r.status)); }
        return data;
      });
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'className') { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function showError(message) {
    var box = $('kt-error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function guard() {
    return !state.dirty || window.confirm('You have unsaved changes. Leave without saving?');
  }

  /* ------------------------------------------------------------ folders */
  function openFolder(id, push) {
    if (!guard()) { return Promise.resolve(); }
    return api('api/node/' + encodeURIComponent(id) + '/browse').then(function (folder) {
      if (push !== false && state.folderId !== id) { state.history.push(state.folderId); state.future = []; }
      state.folderId = id;
      renderBreadcrumbs(folder.breadcrumb);
      renderItems(folder.children);
      highlightTree();
      if (push !== false) { history.pushState({ folder: id }, '', base + 'browse/' + folder.url_path); }
      showError('');
    }).catch(function (e) { showError(e.message); });
  }

  function renderBreadcrumbs(crumbs) {
    var nav = $('kt-breadcrumbs');
    nav.textContent = '';
    crumbs.forEach(function (c, i) {
      var last = i === crumbs.length - 1;
      // the platform's CSS draws the "/" between items
      var label = i === 0 ? 'Home' : c.name;
      var link = last ? null : el('a', { className: 'breadcrumbs__link', href: '#', text: label });
      if (link) { link.addEventListener('click', function (ev) { ev.preventDefault(); openFolder(c.id); }); }
      nav.appendChild(last ? el('span', { className: 'breadcrumbs__item breadcrumbs__item--current', text: label })
        : el('span', { className: 'breadcrumbs__item' }, [link]));
    });
  }

  function renderItems(children) {
    var list = $('kt-items');
    list.textContent = '';
    list.className = 'kt__items kt__items--' + state.view;
    $('kt-count').textContent = children.length + (children.length === 1 ? ' item' : ' items');
    if (!children.length) {
      list.appendChild(el('li', { className: 'empty-state' }, [el('p', { className: 'empty-state__text', text: 'This folder is empty.' })]));
    }
    children.forEach(function (c) {
      var icon = c.is_folder ? (c.is_attached ? 'link' : 'folder') : 'file';
      var item = el('li', { className: 'kt__item' + (c.read_only ? ' kt__item--readonly' : ''), tabindex: '0', 'data-id': c.id }, [
        el('span', { className: 'kt__icon kt__icon--' + icon, 'aria-hidden': 'true' }),
        el('span', { className: 'kt__name', text: c.name }),
        c.read_only ? el('span', { className: 'badge badge--outline', text: 'read-only' }) : null
      ]);
      var open = function () { if (c.is_folder) { openFolder(c.id); } else { openArticle(c.id, true); } };
      item.addEventListener('dblclick', open);
      item.addEventListener('click', open);
      item.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { open(); } });
      item.addEventListener('contextmenu', function (ev) { ev.preventDefault(); ev.stopPropagation(); itemMenu(ev, c); });
      list.appendChild(item);
    });
  }

  /* ------------------------------------------------------------ sidebar tree */
  var expanded = JSON.parse(sessionStorage.getItem('kt_sidebar_expanded') || '{}');

  function loadTree() {
    return api('api/folders/tree').then(function (tree) {
      var box = $('kt-tree');
      box.textContent = '';
      box.appendChild(treeList([tree], true));
      highlightTree();
    }).catch(function (e) { showError(e.message); });
  }

  function treeList(nodes, isRoot) {
    var ul = el('ul', { className: 'kt__tree-list', role: isRoot ? 'tree' : 'group' });
    nodes.forEach(function (n) {
      var open = isRoot || expanded[n.id];
      var toggle = el('button', { type: 'button', className: 'kt__twisty', 'aria-label': 'Expand', text: n.children.length ? (open ? '\u25BE' : '\u25B8') : '' });
      var link = el('a', { href: '#', className: 'kt__tree-link', 'data-id': n.id }, [
        n.is_attached ? el('span', { className: 'kt__icon kt__icon--link kt__icon--inline', 'aria-label': 'attached folder' }) : null,
        document.createTextNode(isRoot ? 'Home' : n.name)]);
      var li = el('li', { role: 'treeitem' }, [toggle, link]);
      var sub = n.children.length ? treeList(n.children, false) : null;
      if (sub) { sub.hidden = !open; li.appendChild(sub); }
      toggle.addEventListener('click', function () {
        if (!sub) { return; }
        sub.hidden = !sub.hidden;
        expanded[n.id] = !sub.hidden;
        toggle.textContent = sub.hidden ? '\u25B8' : '\u25BE';
        sessionStorage.setItem('kt_sidebar_expanded', JSON.stringify(expanded));
      });
      link.addEventListener('click', function (ev) { ev.preventDefault(); openFolder(n.id); });
      ul.appendChild(li);
    });
    return ul;
  }

  function highlightTree() {
    document.querySelectorAll('.kt__tree-link').forEach(function (a) {
      a.classList.toggle('kt__tree-link--current', a.dataset.id === state.folderId);
    });
  }

  /* ------------------------------------------------------------ articles */
  function openArticle(id, push) {
    if (!guard()) { return Promise.resolve(); }
    return api('api/node/' + encodeURIComponent(id)).then(function (node) {
      state.article = node;
      state.dirty = false;
      $('kt-article').hidden = false;
      $('kt-article-title').textContent = node.name;
      $('kt-readonly').hidden = !node.read_only;
      $('kt-edit').hidden = !canWrite || node.read_only || node.is_folder;
      $('kt-upload-label').hidden = !canWrite || node.read_only;
      $('kt-meta').textContent = 'Version ' + node.version + (node.updated_at ? ' \u00B7 updated ' + new Date(node.updated_at).toLocaleString() : '')
        + (node.updated_by ? ' by ' + node.updated_by : '');
      showContent(node);
      renderFiles(node.files);
      $('kt-editor').hidden = true;
      $('kt-content').hidden = false;
      if (push) { history.pushState({ folder: state.folderId, article: id }, '', base + 'view/' + encodeURIComponent(id)); }
    }).catch(function (e) { showError(e.message); });
  }

  function showContent(node) {
    var box = $('kt-content');
    if (node.content_html) {
      box.innerHTML = node.content_html; // sanitised server-side (jsoup allow-list)
    } else {
      box.textContent = '';
      box.appendChild(el('p', { className: 'empty-state__text', text: canWrite ? 'No content yet. Click Edit to add some.' : 'No content yet.' }));
    }
  }

  function renderFiles(files) {
    var list = $('kt-files');
    list.textContent = '';
    if (!files.length) { list.appendChild(el('li', { className: 'field__hint', text: 'No attachments.' })); }
    files.forEach(function (f) {
      var link = el('a', { href: base + 'api/file/' + encodeURIComponent(f.id), text: f.original_filename, target: '_blank', rel: 'noopener' });
      var size = f.size != null ? ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB)' : '';
      list.appendChild(el('li', {}, [link, el('span', { className: 'field__hint', text: size })]));
    });
  }

  function upload(file) {
    var form = new FormData();
    form.append('file', file);
    return api('api/upload/' + encodeURIComponent(state.article.id), { method: 'POST', body: form });
  }

  /*
   * The editor: EasyMDE (WebJar, CodeMirror with a formatting toolbar, preview and side-by-side
   * modes). Its defaults would fetch Font Awesome and spell-check dictionaries from CDNs, so both
   * are off and the toolbar buttons carry text. Previews come from the server's renderer, so the
   * editor shows exactly the sanitised HTML readers get; pasted, dropped or picked images are
   * uploaded as attachments of the article and linked inline.
   */
  var mde = null;

  function button(name, action, text, title) {
    return { name: name, action: action, text: text, title: title, className: 'kt__mde-btn' };
  }

  function editor() {
    if (mde) { return mde; }
    var E = window.EasyMDE;
    mde = new E({
      element: $('kt-source'),
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      forceSync: true,
      minHeight: '45vh',
      sideBySideFullscreen: false,
      uploadImage: true,
      imageAccept: 'image/png, image/jpeg, image/gif, image/webp',
      imageUploadFunction: function (file, onSuccess, onError) {
        upload(file).then(function (r) {
          // the name at the end makes EasyMDE insert an image (it goes by the URL's extension), not a link
          var name = encodeURIComponent(r.filename || 'image').replace(/[()']/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); });
          onSuccess(base + 'api/file/' + encodeURIComponent(r.file_id) + '/' + name);
          return api('api/node/' + encodeURIComponent(state.article.id)).then(function (node) { renderFiles(node.files); });
        }).catch(function (e) { onError(e.message); });
      },
      previewRender: function (text, preview) {
        api('api/render', { method: 'POST', json: { content: text } })
          .then(function (r) { preview.innerHTML = r.content_html; }) // sanitised server-side
          .catch(function (e) { preview.textContent = e.message; });
        return preview.innerHTML || 'Rendering\u2026';
      },
      status: ['upload-image', 'lines', 'words'],
      toolbar: [
        button('heading', E.toggleHeadingSmaller, 'H', 'Heading'),
        button('bold', E.toggleBold, 'B', 'Bold'),
        button('italic', E.toggleItalic, 'I', 'Italic'),
        button('strikethrough', E.toggleStrikethrough, 'S', 'Strikethrough'),
        '|',
        button('quote', E.toggleBlockquote, '\u201C\u201D', 'Quote'),
        button('code', E.toggleCodeBlock, '</>', 'Code'),
        button('unordered-list', E.toggleUnorderedList, '\u2022 List', 'Bulleted list'),
        button('ordered-list', E.toggleOrderedList, '1. List', 'Numbered list'),
        '|',
        button('link', E.drawLink, 'Link', 'Link'),
        button('upload-image', E.drawUploadedImage, 'Image', 'Upload an image'),
        button('table', E.drawTable, 'Table', 'Insert table'),
        button('horizontal-rule', E.drawHorizontalRule, '\u2015', 'Horizontal line'),
        '|',
        button('preview', E.togglePreview, 'Preview', 'Toggle preview'),
        button('side-by-side', E.toggleSideBySide, 'Side by side', 'Toggle side by side'),
        '|',
        button('undo', E.undo, '\u21B6', 'Undo'),
        button('redo', E.redo, '\u21B7', 'Redo')
      ]
    });
    mde.codemirror.on('change', function () { if (!state.loading) { state.dirty = true; } });
    return mde;
  }

  function startEdit() {
    var node = state.article;
    $('kt-editor').hidden = false;
    $('kt-content').hidden = true;
    var m = editor();
    state.loading = true;
    m.value(node.content || '');
    state.loading = false;
    if (m.isPreviewActive()) { window.EasyMDE.togglePreview(m); }
    m.codemirror.refresh();
    m.codemirror.focus();
  }

  function save(ev) {
    if (ev) { ev.preventDefault(); }
    var id = state.article.id;
    return api('api/node/' + encodeURIComponent(id), { method: 'PUT', json: { content: editor().value() } })
      .then(function () { state.dirty = false; return openArticle(id, false); })
      .catch(function (e) { window.alert('Save failed: ' + e.message); });
  }

  /* ------------------------------------------------------------ search */
  var searchTimer = null;

  function highlighted(text, query) {
    var frag = document.createDocumentFragment();
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    var lower = text.toLowerCase();
    var i = 0;
    while (i < text.length) {
      var next = -1, len = 0;
      terms.forEach(function (t) { var at = lower.indexOf(t, i); if (at >= 0 && (next < 0 || at < next)) { next = at; len = t.length; } });
      if (next < 0) { frag.appendChild(document.createTextNode(text.slice(i))); break; }
      frag.appendChild(document.createTextNode(text.slice(i, next)));
      frag.appendChild(el('mark', { text: text.slice(next, next + len) }));
      i = next + len;
    }
    return frag;
  }

  function search(query) {
    var box = $('kt-results');
    if (query.trim().length < 2) { box.hidden = true; return; }
    api('api/search?limit=15&query=' + encodeURIComponent(query)).then(function (hits) {
      box.textContent = '';
      if (!hits.length) { box.appendChild(el('div', { className: 'kt__result field__hint', text: 'No results' })); }
      hits.forEach(function (h) {
        var name = el('strong'); name.appendChild(highlighted(h.name, query));
        var snippet = el('div', { className: 'kt__snippet' }); snippet.appendChild(highlighted(h.snippet || '', query));
        var row = el('a', { href: '#', className: 'kt__result', role: 'option' }, [name, el('div', { className: 'field__hint', text: h.folder_path }), snippet]);
        row.addEventListener('click', function (ev) {
          ev.preventDefault();
          box.hidden = true;
          if (h.is_folder) { openFolder(h.id); } else { openArticle(h.id, true); }
        });
        box.appendChild(row);
      });
      box.hidden = false;
    }).catch(function (e) { showError(e.message); });
  }

  /* ------------------------------------------------------------ modals and menus */
  function modal(title, body, buttons) {
    $('kt-modal-title').textContent = title;
    var b = $('kt-modal-body'); b.textContent = ''; b.appendChild(body);
    var f = $('kt-modal-footer'); f.textContent = '';
    buttons.concat([{ label: 'Close', className: 'btn--ghost', action: closeModal }]).forEach(function (btn) {
      var button = el('button', { type: 'button', className: 'btn btn--sm ' + (btn.className || 'btn--primary'), text: btn.label });
      button.addEventListener('click', btn.action);
      f.appendChild(button);
    });
    $('kt-modal').hidden = false;
    $('kt-modal').classList.add('modal--open');
  }

  function closeModal() { $('kt-modal').hidden = true; $('kt-modal').classList.remove('modal--open'); }

  function exportContext() {
    var id = state.article ? state.article.id : state.folderId;
    api('api/context/tree/' + encodeURIComponent(id)).then(function (tree) {
      var body = el('div', { className: 'stack' });
      var checks = tree.attached_folders.map(function (f) {
        var box = el('input', { type: 'checkbox', value: f.id }); box.checked = true;
        body.appendChild(el('label', { className: 'field__check' }, [box, document.createTextNode(' ' + f.name)]));
        return box;
      });
      var out = el('textarea', { className: 'field__textarea kt__context', readonly: 'readonly', 'aria-label': 'Context' });
      body.appendChild(out);
      var generate = function () {
        var excluded = checks.filter(function (c) { return !c.checked; }).map(function (c) { return c.value; });
        return api('api/context/' + encodeURIComponent(id), { method: 'POST', json: { excluded_ids: excluded } })
          .then(function (r) { out.value = r.context; return r.context; });
      };
      modal('Export context', body, [
        { label: 'Generate', action: generate },
        { label: 'Generate & Copy', action: function () { generate().then(function (t) { return navigator.clipboard && navigator.clipboard.writeText(t); }); } }
      ]);
    }).catch(function (e) { window.alert(e.message); });
  }

  function showHistory() {
    var id = state.article.id;
    api('api/node/' + encodeURIComponent(id) + '/versions').then(function (versions) {
      var body = el('div', { className: 'stack' });
      var preview = el('div', { className: 'kt__content kt__preview' });
      var table = el('table', { className: 'table table--compact' });
      versions.forEach(function (v) {
        var row = el('tr', {}, [
          el('td', { text: 'v' + v.version + (v.current ? ' (current)' : '') }),
          el('td', { text: v.saved_at ? new Date(v.saved_at).toLocaleString() : '' }),
          el('td', { text: v.saved_by || '' })
        ]);
        var actions = el('td');
        if (!v.current) {
          var view = el('button', { type: 'button', className: 'btn btn--sm btn--ghost', text: 'View' });
          view.addEventListener('click', function () {
            api('api/node/' + encodeURIComponent(id) + '/versions/' + v.id).then(function (r) { preview.innerHTML = r.content_html; });
          });
          actions.appendChild(view);
          if (canWrite && !state.article.read_only) {
            var restore = el('button', { type: 'button', className: 'btn btn--sm btn--secondary', text: 'Restore' });
            restore.addEventListener('click', function () {
              if (!window.confirm('Restore version ' + v.version + '? The current text is kept as a version.')) { return; }
              api('api/node/' + encodeURIComponent(id) + '/versions/' + v.id + '/restore', { method: 'POST' })
                .then(function () { closeModal(); openArticle(id, false); });
            });
            actions.appendChild(restore);
          }
        }
        row.appendChild(actions);
        table.appendChild(row);
      });
      body.appendChild(table);
      body.appendChild(preview);
      modal('Version history', body, []);
    });
  }

  function pickFolder(title, excludeId) {
    return api('api/folders/tree').then(function (tree) {
      return new Promise(function (resolve) {
        var body = el('div', { className: 'kt__tree' });
        var chosen = null;
        var walk = function (nodes, depth) {
          var ul = el('ul', { className: 'kt__tree-list' });
          nodes.forEach(function (n) {
            if (n.id === excludeId) { return; }
            var a = el('a', { href: '#', className: 'kt__tree-link', text: depth === 0 ? 'Home' : n.name });
            a.addEventListener('click', function (ev) {
              ev.preventDefault(); chosen = n.id;
              body.querySelectorAll('.kt__tree-link').forEach(function (x) { x.classList.remove('kt__tree-link--current'); });
              a.classList.add('kt__tree-link--current');
            });
            var li = el('li', {}, [a]);
            if (n.children.length) { li.appendChild(walk(n.children, depth + 1)); }
            ul.appendChild(li);
          });
          return ul;
        };
        body.appendChild(walk([tree], 0));
        modal(title, body, [{ label: 'Move here', action: function () { if (chosen) { closeModal(); resolve(chosen); } } }]);
      });
    });
  }

  function refresh() { return Promise.all([openFolder(state.folderId, false), loadTree()]); }

  function create(kind) {
    var name = window.prompt(kind === 'article' ? 'Article name' : 'Folder name');
    if (!name) { return; }
    api('api/node', { method: 'POST', json: { parent_id: state.folderId, name: name, is_folder: kind !== 'article', is_attached: kind === 'attached' } })
      .then(function (r) { return refresh().then(function () { if (kind === 'article') { return openArticle(r.id, true).then(startEdit); } }); })
      .catch(function (e) { window.alert(e.message); });
  }

  function itemMenu(ev, item) {
    var entries = [{ label: 'Open', action: function () { if (item.is_folder) { openFolder(item.id); } else { openArticle(item.id, true); } } }];
    if (canWrite && !item.read_only) {
      entries.push({ label: 'Rename', action: function () {
        var name = window.prompt('New name', item.name);
        if (name && name !== item.name) { api('api/node/' + encodeURIComponent(item.id), { method: 'PUT', json: { name: name } }).then(refresh).catch(function (e) { window.alert(e.message); }); }
      } });
      entries.push({ label: 'Move', action: function () {
        pickFolder('Move "' + item.name + '"', item.id).then(function (target) {
          return api('api/node/' + encodeURIComponent(item.id) + '/move', { method: 'POST', json: { new_parent_id: target } }).then(refresh);
        }).catch(function (e) { window.alert(e.message); });
      } });
      entries.push({ label: 'Delete', action: function () {
        if (window.confirm('Delete "' + item.name + '"' + (item.is_folder ? ' and everything in it' : '') + '?')) {
          api('api/node/' + encodeURIComponent(item.id), { method: 'DELETE' }).then(refresh).catch(function (e) { window.alert(e.message); });
        }
      } });
    }
    showMenu(ev, entries);
  }

  function folderMenu(ev) {
    if (!canWrite) { return; }
    ev.preventDefault();
    showMenu(ev, [
      { label: 'New folder', action: function () { create('folder'); } },
      { label: 'New attached folder', action: function () { create('attached'); } },
      { label: 'New article', action: function () { create('article'); } }
    ]);
  }

  function showMenu(ev, entries) {
    var menu = $('kt-menu');
    menu.textContent = '';
    entries.forEach(function (e) {
      var b = el('button', { type: 'button', role: 'menuitem', className: 'kt__menu-item', text: e.label });
      b.addEventListener('click', function () { menu.hidden = true; e.action(); });
      menu.appendChild(el('li', {}, [b]));
    });
    menu.style.left = ev.pageX + 'px';
    menu.style.top = ev.pageY + 'px';
    menu.hidden = false;
  }

  /* ------------------------------------------------------------ view preference (Codex settings) */
  function setView(view, persist) {
    state.view = view === 'list' ? 'list' : 'grid';
    $('kt-items').className = 'kt__items kt__items--' + state.view;
    document.querySelectorAll('[data-view]').forEach(function (b) { b.classList.toggle('btn--primary', b.dataset.view === state.view); });
    if (persist) {
      localStorage.setItem('knowledgetree_view_preference', state.view);
      fetch(codexSettingsUrl(), { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ knowledgetree_view_preference: state.view }) }).catch(function () { return null; });
    }
  }

  function codexSettingsUrl() { return base.replace(/knowledgetree\/$/, '') + 'codex/api/my/settings'; }

  function loadViewPreference() {
    setView(localStorage.getItem('knowledgetree_view_preference') || 'grid', false);
    fetch(codexSettingsUrl(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        var v = s && (s.knowledgetree_view_preference || (s.settings && s.settings.knowledgetree_view_preference));
        if (v) { setView(v === 'tree' || v === 'hierarchy' ? 'list' : v, false); }
      }).catch(function () { return null; });
  }

  /* ------------------------------------------------------------ wiring */
  $('kt-search').addEventListener('input', function (ev) {
    clearTimeout(searchTimer);
    var q = ev.target.value;
    searchTimer = setTimeout(function () { search(q); }, 300);
  });
  document.addEventListener('click', function (ev) {
    if (!$('kt-menu').contains(ev.target)) { $('kt-menu').hidden = true; }
    if (!$('kt-results').contains(ev.target) && ev.target !== $('kt-search')) { $('kt-results').hidden = true; }
  });
  document.querySelectorAll('[data-view]').forEach(function (b) { b.addEventListener('click', function () { setView(b.dataset.view, true); }); });
  $('kt-items').addEventListener('contextmenu', folderMenu);
  $('kt-back').addEventListener('click', function () { var id = state.history.pop(); if (id) { state.future.push(state.folderId); openFolder(id, false); } });
  $('kt-forward').addEventListener('click', function () { var id = state.future.pop(); if (id) { state.history.push(state.folderId); openFolder(id, false); } });
  $('kt-close').addEventListener('click', function () { if (guard()) { state.dirty = false; $('kt-article').hidden = true; state.article = null; } });
  $('kt-edit').addEventListener('click', startEdit);
  $('kt-export').addEventListener('click', exportContext);
  $('kt-history').addEventListener('click', showHistory);
  $('kt-editor').addEventListener('submit', save);
  $('kt-cancel').addEventListener('click', function () {
    if (state.dirty && window.confirm('You have unsaved changes. Save them?')) { save(); return; }
    state.dirty = false; $('kt-editor').hidden = true; $('kt-content').hidden = false;
  });
  $('kt-upload').addEventListener('change', function (ev) {
    if (!ev.target.files[0]) { return; }
    // only the list is refreshed: reopening the article would leave the editor (and its unsaved text)
    upload(ev.target.files[0]).then(function () { return api('api/node/' + encodeURIComponent(state.article.id)); })
      .then(function (node) { renderFiles(node.files); })
      .catch(function (e) { window.alert('Upload failed: ' + e.message); });
    ev.target.value = '';
  });
  var newFolder = $('kt-new-folder');
  if (newFolder) {
    newFolder.addEventListener('click', function () { create('folder'); });
    $('kt-new-attached').addEventListener('click', function () { create('attached'); });
    $('kt-new-article').addEventListener('click', function () { create('article'); });
  }
  window.addEventListener('beforeunload', function (ev) { if (state.dirty) { ev.preventDefault(); ev.returnValue = ''; } });
  window.addEventListener('popstate', function (ev) {
    var s = ev.state || {};
    state.dirty = false;
    openFolder(s.folder || 'root', false);
    if (s.article) { openArticle(s.article, false); } else { $('kt-article').hidden = true; }
  });

  loadViewPreference();
  history.replaceState({ folder: state.folderId, article: root.dataset.articleId || null }, '', location.href);
  openFolder(state.folderId, false);
  loadTree();
  if (root.dataset.articleId) { openArticle(root.dataset.articleId, false); }
})();
