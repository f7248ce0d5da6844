/*
 * The hand-over to a person: a card in the conversation with every
 * configured way (live chat within business hours, phone, email) and, with a
 * webhook, a form whose message goes through the outbox. docs/handover.md
 * has the payload's schema.
 */
import { documentGet, el } from '../shared/dom.js';

import { EMAIL, PHONE } from './config.js';
import { fill } from '../shared/i18n.js';

/** A random UUID (v4), the hand-over's id and its message's idempotency key. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A new hand-over: {id, reason, question, open (within business hours), at}. */
export function newHandover(w, reason) {
  return {
    id: newId(),
    reason,
    question: w.transcript.lastQuestion(),
    open: w.config.hours.isOpen(new Date()),
    at: Date.now(),
  };
}

/** The page's address without its fragment, and without its query unless the site opted in. */
function pageUrl(config) {
  return location.origin + location.pathname + (config.sendPageQuery ? location.search : '');
}

/** What a person needs: the question, the conversation, the page; docs/handover.md has the schema. */
export function payloadFor(w, h, contact, message) {
  const { config } = w;
  return {
    schema: 'kb-widget.handover/1',
    id: h.id,
    kind: h.open ? 'handover' : 'message',
    reason: h.reason,
    createdAt: new Date(h.at).toISOString(),
    question: h.question,
    message: message || null,
    contact: contact || null,
    consent: { shareConversation: true, contactMe: Boolean(contact) },
    transcript: w.transcript.lines(),
    page: { url: pageUrl(config), title: documentGet('title'), language: config.lang },
    businessHours: {
      open: h.open,
      timeZone: config.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  };
}

/**
 * What the card's heading says will happen, true to the ways configured: a
 * transfer only when a live chat or the site's own callback takes over, the
 * form or the contact links otherwise, and outside business hours a message
 * (the form, the links, or the site's callback, which receives every hand-over).
 */
function lead(w, h) {
  const { config, T } = w;
  const contacts = config.phone || config.email;
  if (!h.open) {
    const text = config.webhook ? T.outsideHours : contacts ? T.outsideHoursWays : T.outsideHoursHost;
    return fill(text, { hours: config.hours.label(T, config.lang) });
  }
  if (config.liveChatUrl || config.onHandover)
    return contacts || config.webhook || config.liveChatUrl ? T.connecting : T.connectingHost;
  return contacts ? T.contactWays : T.leaveQuestion;
}

/** The hand-over card for `h`. */
export function handoverCard(w, h) {
  const { config, T } = w;
  const parts = [el('p', { class: 'handover-title', text: lead(w, h) })];
  const ways = el('div', { class: 'ways' });
  if (h.open && config.liveChatUrl) {
    ways.append(
      el('a', {
        class: 'way',
        href: config.liveChatUrl,
        target: '_blank',
        rel: 'noopener',
        text: T.liveChat,
      }),
    );
  }
  if (config.phone)
    ways.append(
      el('a', {
        class: 'way',
        href: `tel:${config.phone.replace(/[^+\d]/g, '')}`,
        text: fill(T.callUs, { phone: config.phone }),
      }),
    );
  if (config.email) {
    const subject = encodeURIComponent(`${config.title}: ${h.question}`.slice(0, 120));
    ways.append(
      el('a', {
        class: 'way',
        href: `mailto:${config.email}?subject=${subject}`,
        text: fill(T.emailUs, { email: config.email }),
      }),
    );
  }
  if (ways.childElementCount) parts.push(ways);
  if (config.webhook) parts.push(h.sent ? deliveryStatus(w, h.id) : messageForm(w, h));
  return el('div', { class: 'handover', part: 'handover', 'data-handover-id': h.id }, parts);
}

/** Name, phone or email, message and consent, validated before anything is stored. */
function messageForm(w, h) {
  const { config, T } = w;
  const id = (name) => `kb-${h.id}-${name}`;
  const field = (name, label, control) =>
    el('div', { class: 'field' }, [
      el('label', { for: id(name), text: label }),
      control,
      el('p', { id: id(`${name}-error`), class: 'error', hidden: true }),
    ]);
  const name = el('input', {
    id: id('name'),
    name: 'name',
    autocomplete: 'name',
    maxlength: '60',
    required: true,
  });
  const contact = el('input', {
    id: id('contact'),
    name: 'contact',
    autocomplete: 'email',
    maxlength: '100',
    required: true,
  });
  const message = el('textarea', {
    id: id('message'),
    name: 'message',
    rows: '3',
    maxlength: '2000',
    required: true,
  });
  message.value = h.question;
  const consent = el('input', { id: id('consent'), name: 'consent', type: 'checkbox', required: true });
  const formEl = el('form', { class: 'leave-message', novalidate: true, 'aria-label': T.formTitle }, [
    // Inside hours with nothing but the form, the heading has said it all.
    h.open && !(config.phone || config.email || config.liveChatUrl || config.onHandover)
      ? null
      : el('p', { class: 'form-intro', text: h.open ? T.leaveContact : T.leaveMessage }),
    field('name', T.formName, name),
    field('contact', T.formContact, contact),
    field('message', T.formMessage, message),
    el('div', { class: 'field consent' }, [
      consent,
      el('label', { for: id('consent'), text: T.formConsent }),
      el('p', { id: id('consent-error'), class: 'error', hidden: true }),
    ]),
    el('button', { type: 'submit', class: 'send', text: T.formSend }),
  ]);
  formEl.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = { name: name.value.trim(), contact: contact.value.trim(), message: message.value.trim() };
    const errors = {
      name: !value.name && T.errName,
      contact: !(EMAIL.test(value.contact) || PHONE.test(value.contact)) && T.errContact,
      message: !value.message && T.errMessage,
      consent: !consent.checked && T.errConsent,
    };
    const controls = { name, contact, message, consent };
    for (const [key, error] of Object.entries(errors)) {
      const note = formEl.querySelector(`#${CSS.escape(id(`${key}-error`))}`);
      note.hidden = !error;
      note.textContent = error || '';
      controls[key].toggleAttribute('aria-invalid', Boolean(error));
      if (error) controls[key].setAttribute('aria-describedby', id(`${key}-error`));
      else controls[key].removeAttribute('aria-describedby');
    }
    const firstBad = Object.keys(errors).find((key) => errors[key]);
    if (firstBad) {
      controls[firstBad].focus();
      return;
    }
    const isEmail = value.contact.includes('@');
    w.outbox.add(
      config.webhook,
      payloadFor(
        w,
        h,
        { name: value.name, phone: isEmail ? null : value.contact, email: isEmail ? value.contact : null },
        value.message,
      ),
    );
    const stored = w.transcript.handover(h.id);
    if (stored) stored.sent = true;
    h.sent = true;
    w.transcript.save();
    const statusLine = deliveryStatus(w, h.id);
    formEl.replaceWith(statusLine);
    statusLine.focus();
  });
  return formEl;
}

/**
 * Whether the message reached the webhook; kept current from the outbox, across tabs too (updateDelivery).
 */
function deliveryStatus(w, id) {
  const line = el('p', { class: 'delivery', role: 'status', tabindex: '-1', 'data-outbox-id': id });
  updateDelivery(w, line);
  return line;
}

/** Redraws a delivery line from the outbox's state. */
export function updateDelivery(w, line) {
  const { T } = w;
  const { state, attempts } = w.outbox.status(line.getAttribute('data-outbox-id'));
  line.setAttribute('data-state', state);
  line.textContent =
    {
      sending: T.sending,
      retrying: fill(T.retrying, { n: attempts }),
      delivered: T.delivered,
    }[state] || T.sentEarlier;
}
