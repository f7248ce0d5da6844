/*
 * Type-ahead: FAQ questions suggested under the input while the visitor
 * types, in the ARIA combobox pattern (↑/↓ move, Enter picks, Escape closes,
 * which the panel handles). Debounced; each query carries a number, and only
 * the newest one may draw its suggestions, so a slow reply to an older query
 * never replaces a newer one.
 */
import { el } from '../shared/dom.js';

/**
 * `fn` called `wait` ms after the last of a burst of calls, with that call's arguments; `.cancel()` drops a
 * pending call.
 */
export function debounce(fn, wait) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

export class Typeahead {
  /**
   * `input` is the combobox and `list` its listbox, inside `root` (the shadow
   * root); search(query) resolves to hits ({id, title}); onPick(hit) when the
   * visitor picks one. With `enabled` false it never shows.
   */
  constructor({ input, list, root, search, onPick, enabled = true, delay = 150 }) {
    this.input = input;
    this.list = list;
    this.onPick = onPick;
    this.enabled = enabled;
    this.seq = 0;
    this.active = -1;
    this.fetch = debounce(async (query, seq) => {
      try {
        const hits = await search(query);
        if (seq === this.seq) this.show(hits.filter((h) => h.title !== query));
      } catch (err) {
        /* the answer path reports load failures */
      }
    }, delay);
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () =>
      setTimeout(() => {
        if (root.activeElement !== input) this.hide();
      }, 0),
    );
    input.addEventListener('keydown', (event) => this.keydown(event));
  }

  get open() {
    return !this.list.hidden;
  }

  hide() {
    this.fetch.cancel();
    this.seq++; // whatever is still on its way is now stale
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  show(hits) {
    this.list.replaceChildren(
      ...hits.map((hit, i) => {
        const option = el('li', {
          id: `kb-typeahead-${i}`,
          role: 'option',
          'aria-selected': 'false',
          'data-id': hit.id,
          text: hit.title,
        });
        option.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
        option.addEventListener('click', () => this.pick(hit));
        return option;
      }),
    );
    this.list.hidden = !hits.length;
    this.input.setAttribute('aria-expanded', String(hits.length > 0));
    this.active = -1;
  }

  /** Moves the active option by `step`, through the input (-1) at either end. */
  move(step) {
    const options = [...this.list.children];
    if (!options.length) return;
    this.active = ((this.active + 1 + step + options.length + 1) % (options.length + 1)) - 1;
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', options[this.active].id);
    else this.input.removeAttribute('aria-activedescendant');
  }

  pick(hit) {
    this.hide();
    this.input.value = '';
    this.onPick(hit);
  }

  /** The input changed: suggestions for it after the debounce, or none for less than two characters. */
  update() {
    const query = this.input.value.trim();
    const seq = ++this.seq;
    if (!this.enabled || query.length < 2) {
      this.hide();
      return;
    }
    this.fetch(query, seq);
  }

  keydown(event) {
    if (!this.open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && this.active >= 0) {
      event.preventDefault();
      this.list.children[this.active].click();
    }
  }
}
