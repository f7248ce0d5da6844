#pragma once
// What a visitor's message is when it is not a question for the knowledge
// base: a request for a person, or small talk. Both read the text after
// normalize_text, so traditional, full-width and upper-case forms count alike.
#include <string>
#include <string_view>

namespace kb {

/// True when the visitor asks for a person rather than an article: a bare
/// person word (人工, 客服, agent), a request verb with one (转人工, 找个客服,
/// 跟工作人员聊, talk to someone, get me an agent), or frustration with the bot
/// and a person (机器人听不懂，换个人). A question about people (人工客服几点上班,
/// 怎么联系工作人员, what are your agents' hours) is not a request.
bool asks_for_human(std::string_view question);

/// How a message that asks for a person wants one.
enum class HumanRequest {
  None,        // it does not ask for a person
  Now,         // hand over at once: 转人工, 我要找人工客服, 我想投诉你们
  WithAnswer,  // it also asks how (我要投诉你们，怎么弄): answer, and offer a person in the same reply
};
/// Whether and how the visitor asks for a person; asks_for_human() is `!= None`.
HumanRequest human_request(std::string_view question);

/// What kind of small talk the whole message is: "greeting" (你好, hello),
/// "thanks" (谢谢, thx), "bye" (再见, bye bye), "ok" (好的, got it) or
/// "present" (在吗, are you there); empty for anything else. The widget
/// words the reply in its UI language.
std::string small_talk(std::string_view question);

}  // namespace kb
