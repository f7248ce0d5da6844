/*
 * The conversation as data, kept in sessionStorage (the last 100 messages) so
 * it survives navigation on the same site; conversation.js draws each message.
 * A message is {who: 'user'|'bot', text} plus, for the bot, an `entry`, a
 * `handover`, `suggestions` or `human` (the hand-over offer), and `at`.
 */
import { entryPlainText } from '../shared/entry-html.js';

const KEY = 'kb-widget:transcript';

export class Transcript {
  /**
   * `storage`: a safeStorage wrapper of sessionStorage; `fill`: fills in an
   * entry's {{placeholders}} as the visitor saw them (shared/placeholders.js).
   */
  constructor(storage, fill = (text) => text) {
    this.storage = storage;
    this.fill = fill;
    this.messages = storage.read(KEY, [], Array.isArray); // storage disabled or corrupt: start afresh
  }

  /** Adds a message, stamped with the time, and keeps the conversation. */
  add(message, at = Date.now()) {
    this.messages.push({ ...message, at });
    this.save();
  }

  save() {
    this.storage.write(KEY, this.messages.slice(-100));
  }

  clear() {
    this.messages = [];
    this.save();
  }

  /** The visitor's last question, or ''. */
  lastQuestion() {
    for (let i = this.messages.length - 1; i >= 0; i--)
      if (this.messages[i].who === 'user') return this.messages[i].text;
    return '';
  }

  /** The stored hand-over card with this id, or undefined. */
  handover(id) {
    const found = this.messages.find((m) => m.handover && m.handover.id === id);
    return found && found.handover;
  }

  /** The last 50 lines as a hand-over's payload carries them (docs/handover.md). */
  lines() {
    // The widget's index stores an answer's HTML, not its Markdown.
    const body = (e) => this.fill(e.text || (e.html ? entryPlainText(e.html) : ''));
    return this.messages
      .filter((m) => m.who === 'user' || m.text || m.entry)
      .slice(-50)
      .map((m) => {
        const line = {
          who: m.who,
          text: m.entry ? `${m.entry.title || ''}\n${body(m.entry)}`.trim() : m.text,
        };
        if (m.entry && m.entry.id) line.entryId = m.entry.id;
        if (m.at) line.at = new Date(m.at).toISOString();
        return line;
      });
  }
}
