#include <doctest/doctest.h>

#include <string>

#include "kb/intents.hpp"

TEST_CASE("every way of asking for a person hands over") {
  const char* const asks[] = {
      // bare, short
      "人工", "人工客服", "人工服務", "客服", "客服！", "真人", "接线员", "人工，谢谢", "请转人工", "麻烦人工一下",
      "有人工吗", "人工客服在哪里", "真人客服在吗", "agent", "Human please", "operator", "representative please",
      "Agent?", "ＡＧＥＮＴ", "real person please",
      // a request verb and a person, Chinese and traditional
      "转人工", "轉人工", "转接客服", "轉接客服", "找个客服", "找人工", "我要找真人", "我要人工服务", "给我转人工服务",
      "请帮我接通人工", "有没有人工", "我要找你们的工作人员", "叫你们经理来", "讓你們經理來", "联系客服",
      "怎么转人工", "换个客服吧", "我想跟客服聊聊", "和工作人员说一下", "投诉你们", "我想投诉你们",
      // English
      "get me an agent please", "can I speak to someone", "I want to talk to a real person", "let me talk to a human",
      "talk to a person", "I want to speak to a human", "Connect me with one of your agents", "transfer me to an operator",
      "put me through to a representative", "I need a human", "chat with a live agent", "speak to somebody now",
      // fed up with the bot
      "你说的都不对，我要跟工作人员直接聊", "机器人听不懂，换个人", "你是机器人吗？我要真人", "我不想跟机器人说话，找个真人",
      "机器人没用，换人", "你答非所问，我要人工", "useless bot, human please", "this bot is useless, I need a person",
  };
  for (const char* q : asks) CHECK_MESSAGE(kb::asks_for_human(q), std::string(q));
}

TEST_CASE("a question about people, or a message that declines one, does not hand over") {
  const char* const questions[] = {
      "和你们客服通话的时候杂音特别大，根本听不清楚对方在说什么",
      "人工客服几点上班", "人工服务时间", "人工服務時間", "what are your agents' working hours", "客服电话是多少",
      "工程师上门收费吗", "投诉客服人员态度差怎么办", "你们的工作人员态度很差", "怎么联系工作人员",
      "打电话找客服几点到几点", "客服电话晚上有人接吗", "你们客服太凶了", "the agent was rude to me",
      "能用邮件联系你们吗", "软件用不了了找谁报修", "主管怎么分配客户给专员", "转给其他部门怎么说",
      "人工费怎么算", "要人工审核吗", "你们用人工智能吗", "机器人工作原理", "客服在吗", "在吗",
      "不用转人工", "我不需要人工", "I don't need an agent", "how do I contact an agent", "售后服务收费吗",
      "我们换了联系人怎么改", "hello", "谢谢", "更换人员信息怎么改",
  };
  for (const char* q : questions) CHECK_MESSAGE(!kb::asks_for_human(q), std::string(q));
}

TEST_CASE("small talk is named by its kind, in any language the visitor writes") {
  const std::pair<const char*, const char*> cases[] = {
      {"你好", "greeting"},  {"您好！", "greeting"},       {"hello there", "greeting"},  {"Hi", "greeting"},
      {"good morning", "greeting"}, {"thank u", "thanks"}, {"早上好", "greeting"}, {"客服你好", "greeting"},   {"哈囉", "greeting"},
      {"谢谢", "thanks"},     {"谢谢你", "thanks"},         {"非常感谢", "thanks"},       {"謝謝", "thanks"},
      {"谢啦", "thanks"},     {"Thank you", "thanks"},      {"thank you so much", "thanks"}, {"thx", "thanks"},
      {"ok thanks", "thanks"}, {"好的，谢谢", "thanks"},    {"再见", "bye"},              {"拜拜", "bye"},
      {"bye bye", "bye"},     {"Goodbye!", "bye"},          {"谢谢，再见", "bye"},        {"好的", "ok"},
      {"OK", "ok"},           {"got it", "ok"},             {"知道了", "ok"},             {"在吗？", "present"},
      {"在嗎", "present"},    {"客服在吗", "present"},      {"are you there?", "present"}, {"hello, anyone there", "present"},
  };
  for (const auto& said : cases) CHECK_MESSAGE(kb::small_talk(said.first) == said.second, std::string(said.first));
  for (const char* q : {"你好，售后服务收费吗", "thanks for nothing, where is my refund", "好的价格是多少", "hi how do I reset my password",
                        "this", "在线客服开场白", "哈哈", ""})
    CHECK_MESSAGE(kb::small_talk(q).empty(), std::string(q));
}

TEST_CASE(
    "a complaint about us that also asks how wants the answer and a person; a plain request wants a person "
    "now") {
  using kb::HumanRequest;
  for (const char* q : {"我要投诉你们，怎么弄", "想投诉你们，流程是怎样的", "怎么投诉你们", "去哪里投诉你们"})
    CHECK_MESSAGE(kb::human_request(q) == HumanRequest::WithAnswer, std::string(q));
  for (const char* q :
       {"投诉你们", "我想投诉你们", "转人工", "我要找人工客服", "怎么转人工", "机器人听不懂，换个人"})
    CHECK_MESSAGE(kb::human_request(q) == HumanRequest::Now, std::string(q));
  for (const char* q : {"怎么投诉", "人工客服几点上班", "售后服务收费吗"})
    CHECK_MESSAGE(kb::human_request(q) == HumanRequest::None, std::string(q));
}
