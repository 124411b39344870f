(function () {
  'use strict';
  var root = document.getElementById('bh-settings');
  var base = root.dataset.base;
  var form = document.getElementById('bh-model-form');
  var status = document.getElementById('bh-settings-status');
  var keyState = document.getElementById('bh-key-state');

  function fill(d) {
    if (!d.configured) { keyState.textContent = 'No model configured.'; return; }
    var m = d.model;
    form.provider.value = m.provider; form.base_url.value = m.baseUrl; form.model.value = m.model;
    form.timeout_seconds.value = m.timeoutSeconds; form.max_retries.value = m.maxRetries; form.max_tokens.value = m.maxTokens;
    keyState.textContent = m.apiKeySet ? 'A key is stored (not shown).' : 'No key stored.';
    form.api_key.value = ''; form.clear_api_key.checked = false;
  }

  function call(method, body) {
    return fetch(base + 'api/settings/model', { method: method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) { return r.json().then(function (d) { if (!r.ok) { throw new Error(d.detail || 'HTTP ' + r.status); } return d; }); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    call('PUT', { provider: form.provider.value, base_url: form.base_url.value, model: form.model.value, api_key: form.api_key.value,
      clear_api_key: form.clear_api_key.checked, timeout_seconds: +form.timeout_seconds.value, max_retries: +form.max_retries.value,
      max_tokens: +form.max_tokens.value })
      .then(function (d) { fill(d); status.textContent = 'Saved.'; })
      .catch(function (err) { status.textContent = err.message; });
  });
  call('GET').then(fill);
})();
