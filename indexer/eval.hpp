#pragma once
// kb-indexer eval (the authors' set, an external set folder, the held-out
// self-test), test and gaps: what the bot does with real questions.
#include "cli.hpp"

namespace cli {

int cmd_eval(const Args& a);
int cmd_test(const Args& a);
int cmd_gaps(const Args& a);

}  // namespace cli
