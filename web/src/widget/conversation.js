/*
 * The conversation: questions to the engine, and the bot's replies drawn in
 * the log (answers with their related entries and 👍/👎, did-you-mean
 * candidates, small talk, the hand-over card). Every function takes the
 * widget's state, `w` (index.js).
 */
import { el } from '../shared/dom.js';
import { fillPlaceholders } from '../shared/placeholders.js';

import { handoverCard, newHandover, payloadFor } from './handover.js';
import { startEngine } from './loader.js';
import { rememberUnanswered } from './unanswered.js';
import { addMessage, entryText, quickButton } from './view.js';

/** Keeps a message in the transcript and draws it; returns its bubble. */
export function post(w, message) {
  w.transcript.add(message);
  return render(w, message);
}

/** Draws a message of the transcript. */
export function render(w, message) {
  const {
    T,
    ui: { log },
  } = w;
  if (message.who === 'user') return addMessage(log, 'user', el('p', { text: message.text }));
  if (message.entry) {
    const bubble = showEntry(w, message.entry);
    // An answer to a question that also asks for a person: the way to one, in the same reply.
    if (message.human)
      bubble.append(
        quickButton(T.human, () => startHandover(w, message.human, true), 'suggestion human-offer'),
      );
    return bubble;
  }
  if (message.handover) return addMessage(log, 'bot', handoverCard(w, message.handover));
  const parts = [el('p', { text: message.text })];
  if (message.suggestions) {
    parts.push(
      el(
        'div',
        { class: 'suggestions' },
        message.suggestions.map((s) =>
          quickButton(s.title, () => {
            post(w, { who: 'user', text: s.title });
            showEntryById(w, s.id);
          }),
        ),
      ),
    );
  }
  if (message.human) {
    const reason = typeof message.human === 'string' ? message.human : 'cannot-answer';
    parts.push(quickButton(T.human, () => startHandover(w, reason, true), 'suggestion human-offer'));
  }
  return addMessage(log, 'bot', parts);
}

export async function showEntryById(w, id) {
  const entry = await (await startEngine(w)).get(id);
  if (entry) post(w, { who: 'bot', entry });
}

/**
 * The site's contact details for {{phone}}, {{email}} and {{hours}} in entry
 * text (shared/placeholders.js); what is not configured reads as T.unknownContact.
 */
export function contactValues(w) {
  const { config, T } = w;
  return {
    phone: config.phone,
    email: config.email,
    hours: config.hours.groups.length ? config.hours.label(T, config.lang) : '',
  };
}

/** An entry's answer, then its related entries and the 👍/👎 prompt. */
function showEntry(w, entry) {
  const { T } = w;
  const title = entry.title ? el('p', { class: 'answer-title' }, el('strong', { text: entry.title })) : null;
  const text = fillPlaceholders(entryText(entry), contactValues(w), () => T.unknownContact);
  const bubble = addMessage(w.ui.log, 'bot', [title, text]);
  if (!entry.id) return bubble; // small talk: no article, nothing to rate
  bubble.setAttribute('data-entry-id', entry.id);
  if (Array.isArray(entry.related) && entry.related.length) {
    const list = el('div', { class: 'related', role: 'group', 'aria-label': T.related });
    list.append(el('p', { class: 'related-title', text: T.related }));
    bubble.append(list);
    startEngine(w)
      .then((engine) => Promise.all(entry.related.map((id) => engine.get(id))))
      .then(
        (entries) => {
          for (const r of entries.filter(Boolean))
            list.append(quickButton(r.title, () => post(w, { who: 'bot', entry: r }), 'link'));
        },
        () => {},
      );
  }
  const prompt = el('div', { class: 'feedback', part: 'feedback' }, [el('span', { text: T.helpful })]);
  const rate = (helpful) => {
    prompt.replaceChildren(el('span', { text: helpful ? T.thanksForFeedback : '' }));
    w.events.emit('feedback', { id: entry.id, helpful });
    if (helpful) return;
    const { previous } = w;
    if (previous) previous.unhelpful = true;
    post(w, { who: 'bot', text: T.sorryNotHelpful, human: 'thumbs-down' });
    if (previous) rememberUnanswered(w.gaps, previous.question, 'thumbs-down', entry.id);
    w.events.emit('escalate', {
      question: previous ? previous.question : '',
      reason: 'thumbs-down',
      id: entry.id,
    });
  };
  const yes = quickButton('👍', () => rate(true), 'rate');
  const no = quickButton('👎', () => rate(false), 'rate');
  yes.setAttribute('aria-label', T.helpfulYes);
  no.setAttribute('aria-label', T.helpfulNo);
  prompt.append(yes, no);
  bubble.append(prompt);
  return bubble;
}

/** Starts a hand-over: a card in the conversation with every configured way to a person. */
export function startHandover(w, reason, focusCard) {
  const h = newHandover(w, reason);
  const card = post(w, { who: 'bot', handover: h });
  if (w.config.onHandover) {
    try {
      w.config.onHandover(payloadFor(w, h, null, null));
    } catch (err) {
      console.error(`KbWidget: onHandover failed: ${err.message}`);
    }
  }
  if (focusCard) (card.querySelector('form input') || card.querySelector('a') || card).focus();
  return h;
}

/** Asks the engine and draws its reply; resolves to the reply, or null. */
export async function ask(w, question) {
  const { T } = w;
  const text = String(question || '').trim();
  if (!text) return null;
  w.typeahead.hide();
  post(w, { who: 'user', text });
  let reply;
  try {
    // The last question and whether its reply helped, so that asking the same
    // thing again after no real answer hands over to a person.
    const context =
      w.previous && w.previous.unhelpful ? { previous: w.previous.question, unhelpful: true } : undefined;
    reply = await (await startEngine(w)).ask(text, context);
  } catch (err) {
    post(w, { who: 'bot', text: T.loadFailed, human: 'unavailable' });
    return null;
  }
  w.previous = { question: text, unhelpful: reply.decision !== 'answer' };
  // The engine names the small talk (greeting, thanks …); the words are the UI language's.
  const smallTalk = {
    greeting: T.smallTalkGreeting,
    thanks: T.smallTalkThanks,
    bye: T.smallTalkBye,
    ok: T.smallTalkOk,
    present: T.smallTalkPresent,
  };
  if (reply.reason === 'small-talk') {
    post(w, { who: 'bot', text: smallTalk[reply.answer.key] || T.smallTalkOk });
    w.events.emit('answer', reply);
  } else if (reply.decision === 'answer') {
    post(w, { who: 'bot', entry: reply.answer, human: reply.offer_human ? 'asked-for-human' : undefined });
    w.events.emit('answer', reply);
  } else if (reply.decision === 'suggest') {
    post(w, {
      who: 'bot',
      text: T.didYouMean,
      suggestions: reply.suggestions.map(({ id, title }) => ({ id, title })),
    });
    w.events.emit('answer', reply);
  } else if (reply.reason === 'asked-for-human' || reply.reason === 'repeated') {
    if (reply.reason === 'repeated') rememberUnanswered(w.gaps, text, 'repeated');
    post(w, { who: 'bot', text: T.askedForHuman });
    w.events.emit('escalate', { question: text, reason: reply.reason, reply });
    startHandover(w, reply.reason, false);
  } else {
    rememberUnanswered(w.gaps, text, reply.reason);
    post(w, { who: 'bot', text: T.cannotAnswer, human: 'cannot-answer' });
    w.events.emit('escalate', { question: text, reason: reply.reason, reply });
  }
  return reply;
}

/** The greeting, with the popular questions as quick replies. */
export function greet(w) {
  const { config, T } = w;
  const popular = config.popularQuestions.map((q) => quickButton(q, () => ask(w, q)));
  addMessage(w.ui.log, 'bot', [
    el('p', { text: config.greeting }),
    popular.length ? el('p', { class: 'popular-title', text: T.popular }) : null,
    popular.length ? el('div', { class: 'suggestions', part: 'quick-replies' }, popular) : null,
  ]);
}

/** 清空: forgets the conversation and greets again. */
export function clearConversation(w) {
  w.transcript.clear();
  w.previous = null;
  w.ui.log.replaceChildren();
  greet(w);
}
