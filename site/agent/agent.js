/* Agent console: searches the internal index (public and internal entries). */
'use strict';
(function () {
  const engine = KbEngine.create({ index: 'kb/' });
  const input = document.getElementById('q');
  const results = document.getElementById('results');
  const entryView = document.getElementById('entry');
  const status = document.getElementById('status');
  let latest = 0;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function show(id) {
    const entry = await engine.get(id);
    entryView.replaceChildren();
    if (!entry) return;
    entryView.append(el('h2', {}, entry.title), el('p', { class: 'meta' }, `${entry.type} · ${entry.category} · ${entry.audience}`),
      el('pre', { class: 'text' }, entry.text));
  }

  async function search() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      results.replaceChildren();
      return;
    }
    const found = await engine.search(query, { limit: 20 });
    if (ticket !== latest) return;  // a newer query is on its way
    status.textContent = `${found.total} 条结果`;
    results.replaceChildren(...found.hits.map((hit) => {
      const button = el('button', { type: 'button' }, hit.title);
      button.addEventListener('click', () => show(hit.id));
      const item = el('li');
      item.append(button, el('span', { class: 'meta' }, ` ${hit.type} · ${hit.category}`));
      return item;
    }));
  }

  engine.ready.then((info) => {
    status.textContent = `已加载 ${info.entries} 条内容`;
  }, (err) => {
    status.textContent = `知识库加载失败：${err.message}`;
  });
  input.addEventListener('input', search);
  document.getElementById('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
})();
