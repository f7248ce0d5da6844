#include "kb/intents.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "kb/text.hpp"

namespace kb {

namespace {

using Phrases = std::vector<std::string_view>;

bool is_latin(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// The message as the matchers read it: normalize_text's folding, each run of
/// punctuation or space as one space, and a space where Latin meets Chinese.
/// "Hi，轉人工!" reads "hi 转人工"; "agents' hours" reads "agents hours".
std::string spaced(std::string_view question) {
  enum Kind { Other, Latin, Cjk };
  std::string out;
  Kind last = Other;
  bool gap = false;
  for (char32_t c : utf8_decode(normalize_text(question))) {
    Kind kind = is_word_char(c) ? Latin : is_cjk(c) ? Cjk : Other;
    if (kind == Other) {
      gap = true;
      continue;
    }
    if (!out.empty() && (gap || kind != last)) out += ' ';
    utf8_append(out, c);
    last = kind;
    gap = false;
  }
  return out;
}

/// The length of `phrase` when `text` holds it at byte `at` as whole words
/// (a Latin phrase does not run on into more letters: "hi" is not in "this"), else 0.
size_t match_at(std::string_view text, size_t at, std::string_view phrase) {
  if (at > text.size() || text.substr(at, phrase.size()) != phrase) return 0;
  size_t end = at + phrase.size();
  if (is_latin(phrase.front()) && at > 0 && is_latin(text[at - 1])) return 0;
  if (is_latin(phrase.back()) && end < text.size() && is_latin(text[end])) return 0;
  return phrase.size();
}

/// The length of the longest of `phrases` at `at`, or 0.
size_t longest_at(std::string_view text, size_t at, const Phrases& phrases) {
  size_t best = 0;
  for (std::string_view p : phrases) best = std::max(best, match_at(text, at, p));
  return best;
}

/// Where the first of `phrases` starts at or after `from`, or npos.
size_t find_any(std::string_view text, const Phrases& phrases, size_t from = 0) {
  for (size_t at = from; at < text.size(); ++at)
    if (longest_at(text, at, phrases)) return at;
  return std::string_view::npos;
}

bool contains(std::string_view text, const Phrases& phrases) {
  return find_any(text, phrases) != std::string_view::npos;
}

size_t skip_spaces(std::string_view text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  return at;
}

/// One kind of phrase a whole message can be made of.
struct Kind {
  std::string_view tag;
  Phrases phrases;
};

/// The tags of the phrases the whole of `text` is made of, taking the longest
/// phrase at each point and passing over `fillers`; nullopt when some of the
/// text is neither.
std::optional<std::vector<std::string_view>> read_whole(std::string_view text, const Phrases& fillers,
                                                        const std::vector<Kind>& kinds) {
  std::vector<std::string_view> tags;
  for (size_t at = skip_spaces(text, 0); at < text.size(); at = skip_spaces(text, at)) {
    size_t len = longest_at(text, at, fillers);
    std::string_view tag;
    for (const Kind& k : kinds)
      if (size_t n = longest_at(text, at, k.phrases); n > len) len = n, tag = k.tag;
    if (!len) return std::nullopt;
    if (!tag.empty()) tags.push_back(tag);
    at += len;
  }
  return tags;
}

bool has(const std::vector<std::string_view>& tags, std::string_view tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// ---- Asking for a person ----------------------------------------------------

/// Hand-over whatever else the message says.
const Phrases kAlwaysHandOver = {"换个人",     "换一个人",    "live agent", "real person",
                                 "real human", "human agent", "live person"};

/// A complaint about the company: a person should hear it, but a visitor who
/// also asks how to complain (我要投诉你们，怎么弄) wants the procedure too.
const Phrases kComplaintAboutUs = {"投诉你们", "投诉您们", "complain about you", "complaint about you"};

/// Asks how, where or by what way: 怎么弄, 如何, 去哪, 流程, how, where.
// clang-format off
const Phrases kAsksHow = {"怎么", "怎样", "如何", "咋", "哪里", "去哪", "在哪", "哪儿", "什么办法", "什么渠道",
                          "流程", "步骤", "渠道", "方式", "how", "where", "what is the process", "procedure"};
// clang-format on

/// Who a visitor may ask for. 客服 alone is kept apart: see is_bare_request.
const Phrases kPeople = {
    "人工", "人工客服", "人工服务", "人工坐席", "真人", "真人客服", "活人", "客服人员", "客服专员", "客服经理",
    "工作人员", "服务人员", "值班人员", "坐席", "专员", "经理", "主管", "负责人", "领导", "接线员",
    "agent", "agents", "human", "humans", "person", "someone", "somebody", "representative", "representatives",
    "rep", "operator", "staff", "manager", "supervisor", "customer service", "support staff"};

/// Words that start like a person and are not one: 人工智能 (AI), 人工费 (labour cost), 人工审核 (manual review).
const Phrases kNotPeople = {"人工智能", "人工智障", "人工费", "人工成本", "人工操作", "人工审核", "人工录入"};

size_t person_at(std::string_view text, size_t at) {
  if (longest_at(text, at, kNotPeople)) return 0;
  return std::max(longest_at(text, at, kPeople), match_at(text, at, "客服"));
}

/// Around a bare person word: 请, 麻烦, 谢谢, please, now …
const Phrases kPolite = {"请", "麻烦", "麻烦你", "麻烦您", "谢谢", "一下", "吧", "啊", "呀", "哦", "嘛", "了",
                         "好吗", "好不好", "可以吗", "行吗", "有", "吗", "帮我", "给我", "我要", "快", "快点", "赶紧",
                         "please", "pls", "plz", "thanks", "thank you", "thx", "a", "an", "the", "now", "just",
                         "hi", "hello", "hey", "ok", "okay", "asap"};
/// 在吗, 在哪里: asks whether someone is there.
const Phrases kWhereAreYou = {"在吗", "在么", "在不在", "在哪", "在哪里", "在哪儿", "呢"};

/// (a) The message is a person word and politeness: 人工, 人工客服在哪里, representative please.
bool is_bare_request(std::string_view text) {
  static const std::vector<Kind> kinds = {
      {"person", kPeople}, {"service", {"客服"}}, {"there", kWhereAreYou}};
  auto tags = read_whole(text, kPolite, kinds);
  if (!tags || tags->empty()) return false;
  // 客服 alone asks for one; 客服在吗 is how visitors say hello (small talk).
  bool service_only = !has(*tags, "person") && has(*tags, "service");
  return has(*tags, "person") || (service_only && !has(*tags, "there"));
}

struct Verb {
  std::string_view word;
  /// Asks for a person even in a question (怎么转人工); the other verbs do
  /// not when the message asks about hours, cost or how (打电话找客服几点到几点).
  bool outright;
  /// One of these must follow the person: 跟客服聊, 让经理来.
  Phrases then = {};
};

const std::vector<Verb> kVerbs = {
    {"转", true},       {"转接", true},     {"接通", true},     {"接", true},      {"换", true},
    {"叫", true},       {"找", false},      {"要", false},      {"联系", false},   {"有没有", false},
    {"跟", false, {"聊", "说", "谈", "讲", "沟通", "对话"}},
    {"和", false, {"聊", "说", "谈", "讲", "沟通", "对话"}},
    {"让", false, {"来"}},
    {"talk", true},     {"speak", true},    {"chat", true},     {"connect", true}, {"transfer", true},
    {"put", true},      {"get", false},     {"want", false},    {"need", false},   {"contact", false},
    {"reach", false},   {"call", false}};

/// Between a verb and the person: 找个客服, 找你们的工作人员, talk to a real person.
const Phrases kLinks = {"个", "一个", "一位", "位", "你们的", "你们", "您的", "的", "给我", "我", "一下", "下",
                        "真正的", "to", "with", "me", "through", "a", "an", "the", "some", "your", "one", "of",
                        "real", "live", "actual"};

/// Turns a request verb into a question about something else.
const Phrases kAboutSomething = {"怎么", "怎样", "如何", "几点", "什么时候", "多久", "多少", "时间", "电话", "号码",
                                 "邮箱", "收费", "费用", "上班", "下班", "态度", "when", "what time", "hours",
                                 "how", "cost", "price", "fee", "fees", "charge", "number", "phone", "email"};

/// Before a verb: 不要人工, 不用转人工, I don't need an agent.
const Phrases kNot = {"不", "别", "没", "不想", "不需", "无需", "不用", "不必", "not", "dont", "don t", "never"};

bool negated(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return std::any_of(kNot.begin(), kNot.end(), [&](std::string_view no) {
    return before.size() >= no.size() && match_at(before, before.size() - no.size(), no);
  });
}

/// (b) A request verb, then (past a few linking words) a person: 找个客服, get me an agent.
bool has_request(std::string_view text) {
  bool about_something = contains(text, kAboutSomething);
  for (size_t at = 0; at < text.size(); ++at) {
    for (const Verb& verb : kVerbs) {
      size_t n = match_at(text, at, verb.word);
      if (!n || (about_something && !verb.outright) || negated(text.substr(0, at))) continue;
      size_t who = skip_spaces(text, at + n), len = 0;
      for (int links = 0; links < 6 && !(len = person_at(text, who)); ++links) {
        size_t link = longest_at(text, who, kLinks);
        if (!link) break;
        who = skip_spaces(text, who + link);
      }
      // 跟客服直接聊 asks for a person; 和客服通话的时候…在说什么 complains about a call.
      constexpr size_t kThenWithin = 12;  // bytes: four Chinese characters, or a couple of English words
      size_t then = len ? find_any(text, verb.then, who + len) : std::string_view::npos;
      if (len && (verb.then.empty() || (then != std::string_view::npos && then - (who + len) <= kThenWithin)))
        return true;
    }
  }
  return false;
}

/// (c) Fed up with the bot, then a person: 机器人听不懂…真人, 你说的都不对…工作人员.
bool is_fed_up(std::string_view text) {
  static const Phrases kTrouble = {"机器人", "智障", "听不懂", "答非所问", "不对", "没用", "bot", "robot", "useless"};
  static const Phrases kSomeone = {"人工", "真人", "活人", "工作人员", "客服人员", "接线员", "换人",
                                   "human", "person", "agent", "someone"};
  size_t trouble = find_any(text, kTrouble);
  if (trouble == std::string_view::npos) return false;
  size_t after = trouble + longest_at(text, trouble, kTrouble);  // not the 人 of 机器人(工作)
  for (size_t at = find_any(text, kSomeone, after); at != std::string_view::npos;
       at = find_any(text, kSomeone, at + 1))
    if (!longest_at(text, at, kNotPeople)) return true;
  return false;
}

}  // namespace

HumanRequest human_request(std::string_view question) {
  std::string text = spaced(question);
  if (contains(text, kAlwaysHandOver) || is_bare_request(text) || has_request(text) || is_fed_up(text))
    return HumanRequest::Now;
  if (contains(text, kComplaintAboutUs))
    return contains(text, kAsksHow) ? HumanRequest::WithAnswer : HumanRequest::Now;
  return HumanRequest::None;
}

bool asks_for_human(std::string_view question) { return human_request(question) != HumanRequest::None; }

std::string small_talk(std::string_view question) {
  // In order of precedence when a message holds several: "ok thanks" is thanks, "谢谢，再见" bye.
  static const std::vector<Kind> kinds = {
      {"present",
       {"在吗", "在么", "在嘛", "在不在", "有人吗", "有人在吗", "还在吗", "人呢", "are you there", "anyone there",
        "anybody there", "is anyone there", "is anybody there", "you there", "still there", "anyone here"}},
      {"bye",
       {"再见", "拜拜", "拜", "回头见", "下次见", "88", "bye", "bye bye", "goodbye", "good bye", "see you",
        "see ya", "see you later", "cya"}},
      {"thanks",
       {"谢谢", "感谢", "多谢", "谢啦", "谢了", "谢谢啦", "感恩", "辛苦了", "辛苦", "3q", "thanks", "thank you",
        "thankyou", "thank u", "thx", "ty", "tks", "many thanks", "thanks a lot", "cheers", "appreciate it"}},
      {"greeting",
       {"你好", "您好", "哈喽", "哈啰", "嗨", "早上好", "早安", "早", "上午好", "中午好", "下午好", "晚上好",
        "大家好", "hello", "hi", "hey", "hello there", "hi there", "hey there", "good morning", "good afternoon",
        "good evening", "morning", "greetings"}},
      {"ok",
       {"好的", "好", "好吧", "嗯", "嗯嗯", "哦哦", "知道了", "明白了", "明白", "了解", "懂了", "行", "可以",
        "收到", "没问题", "ok", "okay", "got it", "alright", "all right", "sure", "i see", "understood", "cool",
        "great", "fine"}},
  };
  // Politeness around the words does not change what is meant (谢谢你, 非常感谢, thank you so much).
  static const Phrases kFillers = {"你", "您", "啊", "呀", "了", "哈", "啦", "哦", "呢", "嘛", "吧", "的", "客服",
                                   "很", "非常", "太", "十分", "大家", "各位", "亲", "you", "so", "much", "very",
                                   "a", "lot", "again", "all", "guys", "everyone", "for", "your", "the", "help",
                                   "and", "oh", "dear"};
  auto tags = read_whole(spaced(question), kFillers, kinds);
  if (!tags) return {};
  for (const Kind& k : kinds)
    if (has(*tags, k.tag)) return std::string(k.tag);
  return {};
}

}  // namespace kb
