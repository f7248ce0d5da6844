/*
 * Types of the chat widget's and the engine's public JavaScript API, for host
 * pages written in TypeScript or checked with it. Docs: docs/widget.md (options,
 * events, the engine alone), docs/handover.md (the hand-over payload).
 *
 * tests/js/types.test.mjs fails when these drift from the code: the widget's
 * DEFAULTS and events, the JSON the engine writes (core/src/json_text.cpp), the
 * answer reasons (core/src/engine.cpp), the search options (wasm/post.js) and
 * the hand-over schema (docs/handover.schema.json).
 */

// ---------------------------------------------------------------------------
// The widget: KbWidget.init(options)

/** A UI language the widget has strings for; any other tag gets zh-CN. */
export type KbLanguage = 'zh-CN' | 'zh-TW' | 'en';

/**
 * The widget's options (`KbWidget.DEFAULTS`). In the one-tag embed each is a
 * `data-*` attribute of the script tag, in kebab case (`data-live-chat-url`),
 * whose string value the widget converts.
 */
export interface KbWidgetOptions {
  /** Folder holding manifest.json and the database it names, relative to the page. Default `'kb/'`. */
  index?: string;
  /** Where kb-engine.js, kb-worker.js and kb-core.wasm live. Default: the folder of kb-widget.js. */
  base?: string;
  /** UI language: zh-CN, zh-TW (also zh-HK, zh-MO, Hant) or en; anything else gets zh-CN. Default: the page's `<html lang>` when it is Chinese or English, else `navigator.language`. */
  lang?: KbLanguage | (string & {});
  /** Panel title and the conversation log's accessible name. Default: the language's. */
  title?: string;
  /** The first message. Default: the language's. */
  greeting?: string;
  /** The input's placeholder. Default: the language's. */
  placeholder?: string;
  /** Quick replies under the greeting, at most 6; a string is split at `|` (as in `data-popular-questions`). */
  popularQuestions?: string[] | string;
  /** Suggest FAQ questions while the visitor types. Default `true`. */
  typeahead?: boolean;
  /** Seconds between checks for a new index (a new manifest hash); `0` never checks. Default `300`. */
  indexRefresh?: number;
  /** Seconds without a byte after which loading the engine or the index counts as failed. Default `15`. */
  loadTimeout?: number;
  /** Where to POST each unanswered or 👎 question as JSON, without personal data. Default: none. */
  analyticsUrl?: string;
  /** http(s) URL that receives hand-overs and left messages as JSON POSTs (a {@link HandoverPayload}). */
  webhook?: string;
  /**
   * A live-chat page, linked in the hand-over card within business hours; with `businessHours`, init
   * also wants `webhook`, `onHandover`, `phone` or `email` for the other hours.
   */
  liveChatUrl?: string;
  /**
   * JS only: called when a hand-over starts, at any hour, with the webhook's payload minus contact and
   * message; outside business hours its `kind` is `'message'`, and the callback takes the visitor's message.
   */
  onHandover?: ((payload: HandoverPayload) => void) | null;
  /** A phone number, shown as a `tel:` link in the hand-over card and for `{{phone}}` in answers. */
  phone?: string;
  /** An email address, shown as a `mailto:` link with the question as its subject; `{{email}}` in answers. */
  email?: string;
  /** When people answer, e.g. `'mon-fri 09:00-18:00; sat 10:00-16:00'`. Default: always. */
  businessHours?: string;
  /** IANA time zone of `businessHours`, e.g. `'Asia/Shanghai'`. Default: the visitor's. */
  timeZone?: string;
  /** Send the page's query string in the hand-over's `page.url` (never the fragment). Default `false`. */
  sendPageQuery?: boolean;
  /** One-tag embed only (`data-auto-init="false"`): do not start a widget from the script tag. */
  autoInit?: boolean;
}

/** What `ready` and `updated` report: the open index. */
export interface KbEngineInfo {
  /** Entries in the index. */
  entries: number;
  /** The index format version. */
  format: number;
  manifest: IndexManifest;
}

/** An index folder's manifest.json, written by `kb-indexer build`. */
export interface IndexManifest {
  format: number;
  audience: 'public' | 'internal';
  /** The database's file name, with its content hash: `kb.<hash>.db`. */
  database: string;
  /** The database's size in bytes. */
  bytes: number;
  entries: number;
  /** Entries per type. */
  by_type: Partial<Record<EntryType, number>>;
  /** `fnv1a64:<hex>`; a new hash is a new index. */
  content_hash: string;
  /** ISO 8601, UTC. */
  built_at: string;
}

/** Why the widget escalated: the engine's reason, or the visitor's 👎. */
export type EscalateEvent =
  | {
      /** The visitor's question. */
      question: string;
      reason: Extract<AnswerReason, 'asked-for-human' | 'repeated' | 'no-match' | 'empty'>;
      /** The engine's reply that escalated. */
      reply: AnswerResult;
    }
  | {
      /** The visitor's last question; empty when none was typed yet. */
      question: string;
      reason: 'thumbs-down';
      /** The entry rated 👎. */
      id: string;
    };

/** A 👍 or 👎 on an answer. */
export interface FeedbackEvent {
  /** The entry rated. */
  id: string;
  helpful: boolean;
}

/** The events of {@link KbWidgetInstance.on} and what each listener receives. */
export interface KbWidgetEventMap {
  /** The engine has opened the index and can answer. */
  ready: KbEngineInfo;
  /** A new index was loaded in place. */
  updated: KbEngineInfo;
  /** The engine answered, suggested entries or replied to small talk. */
  answer: AnswerResult;
  /** The engine could not help, the visitor asked for a person, or rated an answer 👎. */
  escalate: EscalateEvent;
  feedback: FeedbackEvent;
}

/** A question the widget keeps for editors (`kb-indexer gaps`), scrubbed of emails and long numbers. */
export interface UnansweredQuestion {
  question: string;
  reason: 'no-match' | 'empty' | 'repeated' | 'thumbs-down';
  lang: KbLanguage;
  /** The page's path, without query or fragment. */
  page: string;
  /** `YYYY-MM-DD`. */
  day: string;
  /** For `thumbs-down`: the entry rated. */
  entryId?: string;
}

/** The handle `KbWidget.init` returns. */
export interface KbWidgetInstance {
  /** Opens the panel and starts loading the engine. */
  open(): void;
  /** Closes the panel. */
  close(): void;
  /** Asks as if the visitor had typed `question`; null for an empty question or when the engine failed to load. */
  ask(question: string): Promise<AnswerResult | null>;
  /** The questions kept for editors, oldest first. */
  unanswered(): UnansweredQuestion[];
  /** Starts a hand-over as if the visitor had pressed 转人工客服 (reason `visitor-request`). */
  handover(): void;
  /** Removes the widget and stops its engine. */
  destroy(): void;
  /** Adds a listener; returns the handle, so calls chain. */
  on<K extends keyof KbWidgetEventMap>(name: K, listener: (detail: KbWidgetEventMap[K]) => void): this;
}

/** `window.KbWidget`. */
export interface KbWidgetApi {
  /** Starts a widget. Throws an Error naming every mistake when the options are wrong. */
  init(options?: KbWidgetOptions): KbWidgetInstance;
  /** Every option and its default. */
  readonly DEFAULTS: Readonly<Required<KbWidgetOptions>>;
  /** The widget the script tag started (one-tag embed), once it has. */
  instance?: KbWidgetInstance;
}

// ---------------------------------------------------------------------------
// The hand-over: docs/handover.md, docs/handover.schema.json

/** What started a hand-over. */
export type HandoverReason =
  'asked-for-human' | 'repeated' | 'cannot-answer' | 'thumbs-down' | 'unavailable' | 'visitor-request';

export interface HandoverContact {
  /** At most 60 characters. */
  name: string;
  /** Exactly one of phone and email is set. */
  phone: string | null;
  email: string | null;
}

export interface HandoverConsent {
  /** The visitor asked for a person, so the conversation goes with the request. */
  shareConversation: boolean;
  /** The visitor agreed to be contacted at the given phone or email. */
  contactMe: boolean;
}

export interface HandoverTranscriptLine {
  who: 'user' | 'bot';
  /** For an answer: the entry's title, a newline, its text. */
  text: string;
  /** The entry shown, for answers. */
  entryId?: string;
  /** ISO 8601. */
  at?: string;
}

export interface HandoverPage {
  /** The page's origin and path; its query too with `sendPageQuery`. Never the fragment. */
  url: string;
  title: string;
  /** The widget's UI language. */
  language: KbLanguage;
}

export interface HandoverBusinessHours {
  open: boolean;
  /** The configured IANA time zone, or the visitor's. */
  timeZone: string;
}

/**
 * The body POSTed to the webhook (with the headers `Idempotency-Key: <id>` and
 * `Kb-Attempt`), and what `onHandover` receives, there with `contact` and `message` null.
 */
export interface HandoverPayload {
  schema: 'kb-widget.handover/1';
  /** A UUID: the idempotency key, the same on every retry. */
  id: string;
  /** `handover` within business hours; `message` when left outside them. */
  kind: 'handover' | 'message';
  reason: HandoverReason;
  /** ISO 8601: when the visitor asked for a person. */
  createdAt: string;
  /** The visitor's last question before the hand-over; may be empty. */
  question: string;
  /** What the visitor wrote in the form, at most 2000 characters; null in `onHandover`. */
  message: string | null;
  /** null in `onHandover`. */
  contact: HandoverContact | null;
  consent: HandoverConsent;
  /** The conversation so far, oldest first, at most 50 lines. */
  transcript: HandoverTranscriptLine[];
  page: HandoverPage;
  businessHours: HandoverBusinessHours;
}

// ---------------------------------------------------------------------------
// The engine's results: the JSON of core/src/json_text.cpp

export type EntryType = 'faq' | 'procedure' | 'script' | 'rule';

/** A knowledge-base entry, as `get` and answers return it. Empty fields are left out. */
export interface StoredEntry {
  id: string;
  type: EntryType;
  title: string;
  audience: 'public' | 'internal';
  category: string;
  tags: string[];
  /** The Markdown source; not in the widget's (public) index, which carries `html`. */
  text?: string;
  /** The visitor phrasings the entry answers. */
  questions?: string[];
  /** Ids of related entries. */
  related?: string[];
  /** Scripts: `phone` or `chat`. */
  channel?: string;
  /** Scripts: when to use it. */
  situation?: string;
  /** The text rendered to HTML at build time; insert it only through kb-html.js's allow-list. */
  html?: string;
}

/** The small-talk kinds; the widget words the reply in its UI language (`smallTalk…` strings). */
export type SmallTalkKey = 'greeting' | 'thanks' | 'bye' | 'ok' | 'present';

/** The `answer` of a small-talk reply: no entry, only the kind. */
export interface SmallTalkAnswer {
  id: '';
  type: 'small-talk';
  key: SmallTalkKey;
  title: '';
  text: '';
}

export type AnswerDecision = 'answer' | 'suggest' | 'escalate';

/**
 * Why: `match` and `small-talk` answer; `ambiguous` (close runners-up) and
 * `weak-match` suggest; the rest escalate. `repeated`: asked again after no real answer.
 */
export type AnswerReason =
  'match' | 'small-talk' | 'ambiguous' | 'weak-match' | 'no-match' | 'asked-for-human' | 'repeated' | 'empty';

/** A ranked entry, as `candidates` lists it. */
export interface Candidate {
  id: string;
  /** 0 to 1, three decimals. */
  confidence: number;
}

/** A candidate offered to the visitor (您是不是想问). */
export interface Suggestion extends Candidate {
  title: string;
  type: EntryType;
}

/** What `ask` returns. */
export interface AnswerResult {
  decision: AnswerDecision;
  /** 0 to 1, three decimals: how well the best entry matches. */
  confidence: number;
  reason: AnswerReason;
  /** The entry for `answer`, the small talk's kind, or null. */
  answer: StoredEntry | SmallTalkAnswer | null;
  /** For `suggest`: 2 or 3 entries to choose from; otherwise empty. */
  suggestions: Suggestion[];
  /** The best-ranked entries, whatever the decision. */
  candidates: Candidate[];
  /**
   * Present, and true, when the answer is to a question that also asks for a
   * person (我要投诉你们，怎么弄): the widget shows the answer and offers the hand-over in the same reply.
   */
  offer_human?: boolean;
}

/** A run of a title or snippet; `mark` runs match the query. */
export interface HighlightSegment {
  text: string;
  mark: boolean;
}

/** A title and a snippet as highlight segments. */
export interface SearchHitMarks {
  title: HighlightSegment[];
  snippet: HighlightSegment[];
}

export interface SearchHit {
  id: string;
  title: string;
  type: EntryType;
  category: string;
  /** Scripts: `phone` or `chat`. */
  channel?: string;
  /** Plain text of `marks.snippet`. */
  snippet: string;
  score: number;
  /** Holds a key word of the query; the relevant hits come first, then the others. */
  relevant: boolean;
  marks: SearchHitMarks;
}

/** Per facet, each value and its count among the relevant hits; a facet's counts ignore its own filter. */
export interface SearchFacets {
  type: Record<string, number>;
  category: Record<string, number>;
  channel: Record<string, number>;
}

/** What `search` returns. */
export interface SearchResult {
  /** Matches, estimated. */
  total: number;
  /**
   * Of those, the ones holding a key word of the query: a meaningful word, not
   * a lone character, filler or a word far commoner than the query's others.
   * Every match when browsing (`all` with an empty query).
   */
  relevant: number;
  hits: SearchHit[];
  /** With the option `facets: true`. */
  facets?: SearchFacets;
  /** The query with Latin typos corrected (the console's index only). */
  did_you_mean?: string;
}

/** `search` options; any other key is an error. */
export interface SearchOptions {
  /** Hits to return, 0 to 500. Default 20. */
  limit?: number;
  /** Hits to skip, 0 to 1,000,000. Default 0. */
  offset?: number;
  type?: EntryType | '';
  category?: string;
  channel?: string;
  /** Count hits by type, category and channel. */
  facets?: boolean;
  /** An empty query lists every entry (by title) instead of nothing. */
  all?: boolean;
}

/** What the conversation says about a question. */
export interface AskContext {
  /** The visitor's previous question. */
  previous?: string;
  /** Its answer did not help (👎, or nothing was answered): asking the same again escalates. */
  unhelpful?: boolean;
}

// ---------------------------------------------------------------------------
// The engine alone: kb-engine.js (window[Symbol.for('kb-engine')]), as the agent console uses it

export interface KbEngineOptions {
  /** Index folder, relative to the page. Default `'kb/'`. */
  index?: string;
  /** Where kb-worker.js lives. Default: the folder of kb-engine.js. */
  base?: string;
  /** Seconds between checks for a new index while the page is visible; 0 never. Default 0. */
  refreshSeconds?: number;
  /** Called after a new index was swapped in. */
  onUpdate?: ((info: KbEngineInfo) => void) | null;
  /** Databases over this many bytes are read with HTTP range requests. Default 2 MB. */
  lazyAbove?: number;
  /** Milliseconds without a byte after which a download fails. Default 15000. */
  stallTimeout?: number;
}

/** What the index has cost so far. */
export interface EngineStats {
  /** `ranges`: the database is read block by block with HTTP range requests. */
  mode: 'memory' | 'ranges';
  indexBytes: number;
  fetchedBytes: number;
  requests: number;
  /** The WebAssembly memory's size. */
  memoryBytes: number;
  /** Bytes in use in the engine's C++ heap. */
  heapBytes: number;
  /** The engine has run its own first question (indexes in memory only). */
  warmedUp: boolean;
  /** `ranges`: the bytes of one range request. */
  chunkBytes?: number;
  /** `ranges`: why the last read failed, if it did. */
  lastError?: string;
}

/** The engine in a Web Worker. Every method returns a promise; failures reject with an Error that says why. */
export declare class KbEngine {
  constructor(options?: KbEngineOptions);
  static create(options?: KbEngineOptions): KbEngine;
  /** Settles when the index is open; rejects when the engine or the index cannot load. */
  readonly ready: Promise<KbEngineInfo>;
  ask(question: string, context?: AskContext): Promise<AnswerResult>;
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** The whole entry, or null. */
  get(id: string): Promise<StoredEntry | null>;
  stats(): Promise<EngineStats>;
  /** Looks for a newer index now; a failed check keeps the current one. */
  refresh(): Promise<{ changed: boolean; info: KbEngineInfo }>;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
}

declare global {
  interface Window {
    /** The chat widget (kb-widget.js). */
    KbWidget: KbWidgetApi;
  }
  /** The chat widget (kb-widget.js). */
  var KbWidget: KbWidgetApi;
}
