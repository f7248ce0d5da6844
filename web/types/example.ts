/*
 * A host page's script, type-checked against index.d.ts by `make lint`
 * (tsc --noEmit --strict -p web/types); it is not shipped. The page embeds
 * <script src="/kb-widget.js" data-auto-init="false"></script> before it.
 */
import type {
  AnswerResult,
  HandoverPayload,
  KbEngine,
  KbWidgetInstance,
  SearchResult,
  StoredEntry,
  SmallTalkAnswer,
} from './index';

declare const myLiveChat: { start(payload: HandoverPayload): void };

const widget: KbWidgetInstance = KbWidget.init({
  index: '/kb/',
  lang: 'zh-CN',
  popularQuestions: ['售后服务收费吗？', '怎么投诉？'],
  liveChatUrl: 'https://chat.example.com/',
  // contact and message are null here: the visitor has not filled in the form yet.
  onHandover: (payload) => myLiveChat.start(payload),
  webhook: 'https://support.example.com/kb-handover',
  businessHours: 'mon-fri 09:00-18:00; sat 10:00-16:00',
  timeZone: 'Asia/Shanghai',
  indexRefresh: 600,
});

widget
  .on('ready', (info) => console.log(`${info.entries} entries, index ${info.manifest.content_hash}`))
  .on('updated', (info) => console.log(`new index built at ${info.manifest.built_at}`))
  .on('answer', (reply) => console.log(reply.decision, reply.confidence, describe(reply)))
  .on('feedback', ({ id, helpful }) => console.log(`${id}: ${helpful ? '👍' : '👎'}`))
  .on('escalate', (event) => {
    if (event.reason === 'thumbs-down') console.log(`👎 on ${event.id} after "${event.question}"`);
    else console.log(`escalated (${event.reason}): ${event.question}`, event.reply.candidates);
  });

function isSmallTalk(answer: StoredEntry | SmallTalkAnswer): answer is SmallTalkAnswer {
  return answer.type === 'small-talk';
}

/** One line about a reply, using every kind of answer. */
function describe(reply: AnswerResult): string {
  if (reply.decision === 'suggest') return reply.suggestions.map((s) => s.title).join(', ');
  if (!reply.answer) return `no answer: ${reply.reason}`;
  if (isSmallTalk(reply.answer)) return `small talk: ${reply.answer.key}`;
  const related = reply.answer.related ?? [];
  return `${reply.answer.title} [${reply.answer.type}], ${related.length} related`;
}

async function main(): Promise<void> {
  const reply = await widget.ask('售后服务收费吗');
  if (reply) console.log(describe(reply));
  for (const kept of widget.unanswered()) console.log(kept.day, kept.reason, kept.question);
  console.log('defaults:', KbWidget.DEFAULTS.index, window.KbWidget.DEFAULTS.loadTimeout);

  // The engine alone, as the agent console uses it.
  const Engine = (window as unknown as Record<symbol, typeof KbEngine>)[Symbol.for('kb-engine')];
  const engine = Engine.create({ index: '/agent/kb/', lazyAbove: 4 * 1024 * 1024 });
  const info = await engine.ready;
  const found: SearchResult = await engine.search('投诉', { limit: 10, type: 'procedure', facets: true });
  for (const hit of found.hits) {
    const title = hit.marks.title.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');
    console.log(hit.id, title, hit.snippet, hit.score);
  }
  if (found.facets) console.log(Object.entries(found.facets.category), found.did_you_mean ?? '');
  const entry = await engine.get('after-sales-fees');
  if (entry) console.log(entry.title, entry.html ?? entry.text ?? '', entry.tags.join(', '));
  const again = await engine.ask('售后服务收费吗', { previous: '售后服务收费吗', unhelpful: true });
  const stats = await engine.stats();
  console.log(info.entries, again.reason, stats.mode, stats.fetchedBytes, stats.warmedUp);
  engine.terminate();

  widget.handover();
  widget.close();
  widget.destroy();
}

main().catch((err: Error) => console.error(err.message));
