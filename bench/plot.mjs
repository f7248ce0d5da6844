// The benchmark's plot: index size, query latency and index bytes per visitor
// against knowledge-base size, log-log, as SVG. `make bench` writes it;
//   node bench/plot.mjs build/bench.json docs/performance.svg
// redraws it from saved figures.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KB = 1024;

/** Index size, query latency and bytes per question against knowledge-base size, log-log, as SVG. */
export function plot(f) {
  const points = f.build.map((b) => ({ n: b.entries, internal: b.internal_bytes / KB / KB, public: b.public_bytes / KB / KB,
    p50: b.latency.p50_ms, p99: b.latency.p99_ms, wasm99: b.wasm_p99_ms, first: b.first_bytes / KB, more: b.more_bytes / KB,
    pfFirst: b.pagefind.first_bytes / KB, pfMore: b.pagefind.more_bytes / KB }));
  const W = 360, H = 250, M = { l: 58, r: 20, t: 28, b: 40 };
  const xs = points.map((p) => Math.log10(p.n));
  const [x0, x1] = [Math.floor(Math.min(...xs)), Math.ceil(Math.max(...xs))];
  const panel = (ox, title, series, unit, legendBottom = false) => {
    const values = series.flatMap((s) => points.map((p) => p[s.key])).filter((v) => v > 0);
    const [y0, y1] = [Math.floor(Math.log10(Math.min(...values))), Math.ceil(Math.log10(Math.max(...values)))];
    const X = (n) => ox + M.l + ((Math.log10(n) - x0) / (x1 - x0 || 1)) * (W - M.l - M.r);
    const Y = (v) => M.t + (1 - (Math.log10(v) - y0) / (y1 - y0 || 1)) * (H - M.t - M.b);
    let g = `<text x="${ox + W / 2}" y="16" text-anchor="middle" font-weight="600">${title}</text>`;
    for (let e = x0; e <= x1; e++) g += `<line x1="${X(10 ** e)}" y1="${M.t}" x2="${X(10 ** e)}" y2="${H - M.b}" stroke="#ddd"/><text x="${X(10 ** e)}" y="${H - M.b + 16}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`;
    for (let e = y0; e <= y1; e++) g += `<line x1="${ox + M.l}" y1="${Y(10 ** e)}" x2="${ox + W - M.r}" y2="${Y(10 ** e)}" stroke="#ddd"/><text x="${ox + M.l - 6}" y="${Y(10 ** e) + 4}" text-anchor="end">${(10 ** e).toLocaleString('en')} ${unit}</text>`;
    g += `<text x="${ox + W / 2}" y="${H - 6}" text-anchor="middle">entries</text>`;
    series.forEach((s, i) => {
      const d = points.map((p, k) => `${k ? 'L' : 'M'}${X(p.n).toFixed(1)},${Y(p[s.key]).toFixed(1)}`).join(' ');
      g += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ' stroke-dasharray="5 3"' : ''}/>`;
      g += points.map((p) => `<circle cx="${X(p.n).toFixed(1)}" cy="${Y(p[s.key]).toFixed(1)}" r="3" fill="${s.color}"/>`).join('');
      g += legendBottom
        ? `<text x="${ox + W - M.r - 6}" y="${H - M.b - 8 - (series.length - 1 - i) * 14}" text-anchor="end" fill="${s.color}">${s.label}</text>`
        : `<text x="${ox + M.l + 8}" y="${M.t + 14 + i * 14}" fill="${s.color}">${s.label}</text>`;
    });
    return g;
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${3 * W} ${H}" width="${3 * W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
${panel(0, 'Index size', [{ key: 'internal', label: 'internal index', color: '#1a5fb4' }, { key: 'public', label: 'public index', color: '#26a269' }], 'MB')}
${panel(W, 'Query latency', [{ key: 'wasm99', label: 'WASM in Chromium, p99', color: '#813d9c' }, { key: 'p99', label: 'native, p99', color: '#c01c28' }, { key: 'p50', label: 'native, p50', color: '#e66100' }], 'ms')}
${panel(2 * W, 'Index bytes per visitor (public)', [{ key: 'more', label: '11 questions', color: '#1a5fb4' }, { key: 'first', label: 'first answer', color: '#26a269' }, { key: 'pfMore', label: 'Pagefind, 11 searches', color: '#1a5fb4', dash: true }, { key: 'pfFirst', label: 'Pagefind, first search', color: '#26a269', dash: true }], 'KB', true)}
</svg>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) {
    console.error('usage: node bench/plot.mjs BENCH.json OUT.svg');
    process.exit(2);
  }
  writeFileSync(to, plot(JSON.parse(readFileSync(from, 'utf8')).figures));
}
